package dev.migrationreview.format.sqlx;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sqlx ({@code sqlx migrate}, {@code sqlx::migrate!}): {@code migrations/<VERSION>_<DESC>.sql}, or reversible
 * {@code <VERSION>_<DESC>.up.sql} / {@code .down.sql}, applied in version order, each in a transaction unless
 * its first line is {@code -- no-transaction} (then sqlx sends the file as one query string). Its names are
 * golang-migrate's and goose's too, so the files are sqlx's only where a {@code Cargo.toml} at or above the
 * directory depends on sqlx.
 */
public final class SqlxFormat implements MigrationFormat {
    static final MigrationTool SQLX = new MigrationTool("sqlx");
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)_(.+?)(\\.up|\\.down)?\\.sql");
    private static final Pattern NO_TRANSACTION = Pattern.compile("\\s*--\\s*no-transaction\\s*");
    private static final Pattern SQLX_DEPENDENCY = Pattern.compile("(?m)^\\s*(sqlx\\b|\\[dependencies\\.sqlx\\]|sqlx-cli\\b)");

    @Override
    public MigrationTool tool() {
        return SQLX;
    }

    /** Before golang-migrate, whose {@code .up.sql} names sqlx shares. */
    @Override
    public int precedence() {
        return 45;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) throws IOException {
        List<Claim> out = new ArrayList<>();
        Map<String, Boolean> sqlxDirectories = new HashMap<>();
        for (String path : candidates) {
            Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
            if (!m.matches()) {
                continue;
            }
            String dir = PathNames.parent(path);
            Boolean sqlx = sqlxDirectories.get(dir);
            if (sqlx == null) {
                sqlx = usesSqlx(dir, context);
                sqlxDirectories.put(dir, sqlx);
            }
            if (sqlx) {
                out.add(new Claim(path, dir));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> ups = new ArrayList<>();
        for (String path : paths) {
            Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
            if (m.matches() && !".down".equals(m.group(3))) {
                ups.add(path);
            }
        }
        ups.sort(Comparator.<String, String>comparing(p -> PathNames.leadingDigits(PathNames.fileName(p)), NaturalOrder::compareNumbers)
                .thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : ups) {
            if (context.judges(path)) {
                out.add(script(path, context.read(path), context));
            } else {
                Matcher name = FILE_NAME.matcher(PathNames.fileName(path));
                out.add(context.wholeFileHistory(path, SQLX, name.matches() ? name.group(1) : null));
            }
        }
        return out;
    }

    @Override
    public Recognition recognise(String path, String content) {
        return Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        ScriptLines lines = new ScriptLines(content);
        boolean noTransaction = lines.count() > 0 && NO_TRANSACTION.matcher(lines.line(1)).matches();
        boolean transactional = !noTransaction || context.runsAsOneTransaction(lines.text(1, lines.count()));
        Matcher m = FILE_NAME.matcher(PathNames.fileName(path));
        return new MigrationScript(path, SQLX, m.matches() ? m.group(1) : null, content, lines.whole(transactional));
    }

    @Override
    public String runOutsideTransaction() {
        return "sqlx: put it in a migration of its own whose first line is `-- no-transaction`.";
    }

    /** Whether a Cargo.toml in the directory or any directory above it depends on sqlx. */
    private static boolean usesSqlx(String dir, FormatContext context) throws IOException {
        String probe = dir;
        while (true) {
            Optional<String> cargo = context.readIfPresent(PathNames.join(probe, "Cargo.toml"));
            if (cargo.isPresent() && SQLX_DEPENDENCY.matcher(cargo.get()).find()) {
                return true;
            }
            if (probe.isEmpty()) {
                return false;
            }
            probe = PathNames.parent(probe);
        }
    }
}
