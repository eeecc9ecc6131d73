package dev.migrationreview.report;

import dev.migrationreview.analysis.FileReport;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.StatementReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.dialect.DatabaseDialect;
import dev.migrationreview.dialect.InstalledDialects;
import dev.migrationreview.dialect.NameRules;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.QualifiedName;
import java.util.Optional;
import java.util.function.Function;

/**
 * Report-format v1 ({@code migration-review/v1}) as JSON: the public contract CI scripts parse. Fields
 * are written in the documented order; relation names are always schema-qualified.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    public static String render(Report report) {
        return write(tree(report));
    }

    /** The report as a JSON tree, for callers that embed it. */
    public static ObjectNode tree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", Report.FORMAT);
        root.put("dialect", report.dialect());
        root.put("databaseVersion", report.databaseVersion());
        root.put("risk", report.risk().configName());
        ArrayNode files = root.putArray("files");
        for (FileReport file : report.files()) {
            ObjectNode f = files.addObject();
            f.put("path", file.path());
            f.put("tool", file.tool());
            f.put("transactional", file.transactional());
            f.put("risk", file.risk().configName());
            ArrayNode statements = f.putArray("statements");
            for (StatementReport s : file.statements()) {
                statements.add(statement(s, relationNames(report)));
            }
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    /** How the report's dialect names a relation: schema-qualified unless the dialect has no schemas (MySQL, MariaDB). */
    static Function<QualifiedName, String> relationNames(Report report) {
        Optional<NameRules> names;
        try {
            names = InstalledDialects.of(Dialect.fromConfigName(report.dialect())).map(DatabaseDialect::names);
        } catch (IllegalArgumentException unknownDialect) {
            names = Optional.empty();
        }
        return names.<Function<QualifiedName, String>>map(n -> n::reportName).orElse(q -> q.qualified().toString());
    }

    private static ObjectNode statement(StatementReport s, Function<QualifiedName, String> names) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("index", s.index());
        o.put("startLine", s.startLine());
        o.put("endLine", s.endLine());
        o.put("sql", s.sql());
        if (s.operation() != null) {
            o.put("operation", s.operation());
        }
        o.put("kind", s.kind());
        o.put("understood", s.understood());
        ArrayNode locks = o.putArray("locks");
        for (RelationLock lock : s.locks()) {
            ObjectNode l = locks.addObject();
            l.put("relation", names.apply(lock.relation()));
            l.put("mode", lock.mode().databaseName());
        }
        ArrayNode rewrites = o.putArray("rewrites");
        s.rewrites().stream().map(names).forEach(rewrites::add);
        ArrayNode scans = o.putArray("scans");
        s.scans().stream().map(names).forEach(scans::add);
        if (s.ddl() != null) {
            ObjectNode ddl = o.putObject("ddl");
            ddl.put("algorithm", s.ddl().algorithm().reportName());
            ddl.put("lock", s.ddl().lock().name());
            ddl.put("rebuildsTable", s.ddl().rebuildsTable());
        }
        ArrayNode findings = o.putArray("findings");
        for (Finding finding : s.findings()) {
            findings.add(finding(finding));
        }
        return o;
    }

    static ObjectNode finding(Finding finding) {
        ObjectNode f = MAPPER.createObjectNode();
        f.put("rule", finding.rule());
        f.put("risk", finding.risk().configName());
        f.put("line", finding.line());
        f.put("endLine", finding.endLine());
        f.put("title", finding.title());
        f.put("message", finding.message());
        f.put("fix", finding.fix());
        f.put("suggestion", finding.suggestion());
        return f;
    }

    /** Two-space indentation, {@code "key": value}, empty arrays as {@code []}, a final newline. */
    static String write(JsonNode node) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
