package dev.migrationreview.tablestats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The table-facts file ({@code .github/migration-review-tables.json}): written by {@code migration-review
 * table-stats}, read through config's {@code table-stats:}. Version 1:
 *
 * <pre>{"format": "migration-review-table-stats", "version": 1, "generated-at": "...", "server-version": "16.4",
 *  "hot-writes-per-second": 10, "tables": {"orders": {"rows": 5000000, "bytes": 1234, "writes-per-second": 42.5, "hot": true}}}</pre>
 */
public final class TableStatsFile {
    public static final String FORMAT = "migration-review-table-stats";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TableStatsFile() {
    }

    /** The file's text, tables by name, so that a refreshed file diffs line by line. */
    public static String write(TableStatsSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("generated-at", snapshot.generatedAt().toString());
        if (snapshot.serverVersion() != null) {
            root.put("server-version", snapshot.serverVersion());
        }
        root.put("hot-writes-per-second", snapshot.hotWritesPerSecond());
        ObjectNode tables = root.putObject("tables");
        snapshot.tables().stream().sorted(Comparator.comparing(TableStatistics::table)).forEach(t -> {
            ObjectNode n = tables.putObject(t.table());
            if (t.rows() != null) {
                n.put("rows", t.rows());
            }
            if (t.bytes() != null) {
                n.put("bytes", t.bytes());
            }
            if (t.writesPerSecond() != null) {
                n.put("writes-per-second", Math.round(t.writesPerSecond() * 100) / 100.0);
            }
            n.put("hot", t.hot());
        });
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @param path named in every error
     * @throws TableStatsFileException naming the file and the field that is wrong
     */
    public static TableStatsSnapshot read(String path, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new TableStatsFileException(path + (line > 0 ? ":" + line : "") + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TableStatsFileException(path + ": expected a JSON object written by `migration-review table-stats`");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new TableStatsFileException(path + ": format: expected \"" + FORMAT + "\" (write the file with "
                    + "`migration-review table-stats`)");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new TableStatsFileException(path + ": version: " + root.path("version") + " is not supported (expected "
                    + VERSION + ")");
        }
        Instant generated;
        try {
            generated = Instant.parse(root.path("generated-at").asText(""));
        } catch (DateTimeParseException e) {
            throw new TableStatsFileException(path + ": generated-at: expected a UTC timestamp such as 2026-12-06T05:00:00Z");
        }
        JsonNode tables = root.path("tables");
        if (!tables.isObject()) {
            throw new TableStatsFileException(path + ": tables: expected an object of table name to {rows, bytes, hot}");
        }
        List<TableStatistics> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = "tables." + e.getKey();
            JsonNode t = e.getValue();
            if (!t.isObject() || e.getKey().isBlank()) {
                throw new TableStatsFileException(path + ": " + key + ": expected an object {rows, bytes, hot}");
            }
            out.add(new TableStatistics(e.getKey(), count(path, key + ".rows", t.get("rows")),
                    count(path, key + ".bytes", t.get("bytes")), rate(path, key + ".writes-per-second", t.get("writes-per-second")),
                    bool(path, key + ".hot", t.get("hot"))));
        }
        String version = root.hasNonNull("server-version") ? root.get("server-version").asText() : null;
        return new TableStatsSnapshot(generated, version, root.path("hot-writes-per-second").asDouble(0), out);
    }

    private static Long count(String path, String key, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw new TableStatsFileException(path + ": " + key + ": expected a whole number of at least 0, found " + n);
        }
        return n.asLong();
    }

    private static Double rate(String path, String key, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.asDouble() < 0) {
            throw new TableStatsFileException(path + ": " + key + ": expected a number of at least 0, found " + n);
        }
        return n.asDouble();
    }

    private static boolean bool(String path, String key, JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new TableStatsFileException(path + ": " + key + ": expected true or false, found " + n);
        }
        return n.asBoolean();
    }
}
