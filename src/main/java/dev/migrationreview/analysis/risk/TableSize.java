package dev.migrationreview.analysis.risk;

import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.sql.QualifiedName;
import java.util.Locale;
import java.util.Optional;

/**
 * What the review knows about one table's size in production.
 *
 * @param rows  row count from config, or null
 * @param bytes size on disk from config, or null
 * @param hot   config marks the table as busy (every query on it matters)
 */
public record TableSize(QualifiedName table, SizeClass sizeClass, Long rows, Long bytes, boolean hot) {

    /**
     * Without a row count, a table is taken as large above this many bytes per configured large row: 100
     * bytes is a typical narrow OLTP row with its share of index.
     */
    static final long BYTES_PER_ROW_ASSUMED = 100;

    public static TableSize of(StatementContext context, QualifiedName table) {
        if (context.isNew(table)) {
            return new TableSize(table, SizeClass.NEW, 0L, 0L, false);
        }
        Optional<ReviewConfig.TableFacts> facts = context.tableFacts(table);
        if (facts.isEmpty() || (facts.get().rows() == null && facts.get().bytes() == null)) {
            return new TableSize(table, SizeClass.UNKNOWN, null, null, facts.map(ReviewConfig.TableFacts::hot).orElse(false));
        }
        ReviewConfig.TableFacts f = facts.get();
        long threshold = context.config().largeTableRows();
        boolean large = f.rows() != null ? f.rows() > threshold : f.bytes() > threshold * BYTES_PER_ROW_ASSUMED;
        return new TableSize(table, large ? SizeClass.LARGE : SizeClass.SMALL, f.rows(), f.bytes(), f.hot());
    }

    public boolean isNew() {
        return sizeClass == SizeClass.NEW;
    }

    /** The config key that would sharpen this review when the size is unknown. */
    public String configKey() {
        return "tables." + table.name() + ".rows";
    }

    /** {@code `orders` (about 5,000,000 rows)}, or the name with a note that the size is unknown. */
    public String describe() {
        String name = "`" + table + "`";
        return switch (sizeClass) {
            case NEW -> name + " (new in this change, empty)";
            case UNKNOWN -> name + " (size unknown)";
            case SMALL, LARGE -> name + " (" + amount() + (hot ? ", marked hot" : "") + ")";
        };
    }

    private String amount() {
        if (rows != null) {
            return "about " + GroupedDigits.of(rows) + " rows";
        }
        return "about " + humanBytes(bytes);
    }

    /**
     * A sentence for findings on tables of unknown size, naming the key that sharpens the review; empty
     * otherwise.
     */
    public String unknownSizeNote() {
        if (sizeClass != SizeClass.UNKNOWN) {
            return "";
        }
        return " The size of `" + table + "` is unknown, so the risk assumes it may be large; set `" + configKey()
                + "` in .github/migration-review.yml to sharpen this.";
    }

    static String humanBytes(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.0f %s", v, units[u]);
    }
}
