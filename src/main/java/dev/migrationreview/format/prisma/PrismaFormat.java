package dev.migrationreview.format.prisma;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Migrate applies {@code <timestamp>_<name>/migration.sql} in directory-name order, sending each file as
 * one query string without a transaction of its own.
 */
public final class PrismaFormat implements MigrationFormat {
    static final Pattern PATH = Pattern.compile("(?:.*/)?(\\d{8,})_[^/]+/migration\\.sql");

    @Override
    public MigrationTool tool() {
        return MigrationTool.PRISMA;
    }

    @Override
    public int precedence() {
        return 20;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            // the name first: the pattern, tried on every file of an 800-file history twice, was 2% of a warm review
            if (path.endsWith("/migration.sql") && PATH.matcher(path).matches()) {
                out.add(new Claim(path, PathNames.parent(PathNames.parent(path))));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> matching = new ArrayList<>(paths.stream().filter(p -> PATH.matcher(p).matches()).toList());
        matching.sort(Comparator.comparing((String p) -> PathNames.fileName(PathNames.parent(p))).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : matching) {
            out.add(read(path, context.read(path), context));
        }
        return out;
    }

    /** {@code provider = "..."} in {@code migration_lock.toml}, which Prisma writes beside the migrations. */
    private static final Pattern PROVIDER = Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([A-Za-z]+)\"");

    @Override
    public Optional<DialectEvidence> detectDialect(FormatContext context) throws IOException {
        for (String path : context.files().paths()) {
            if (!PathNames.fileName(path).equals("migration_lock.toml")) {
                continue;
            }
            Optional<String> text = context.readIfPresent(path);
            Matcher m = PROVIDER.matcher(text.orElse(""));
            if (m.find()) {
                Optional<Dialect> dialect = Arrays.stream(Dialect.values())
                        .filter(d -> d.configName().equalsIgnoreCase(m.group(1)) || d.answersTo(m.group(1)) && d != Dialect.MARIADB)
                        .findFirst();
                if (dialect.isPresent()) {
                    return Optional.of(new DialectEvidence(dialect.get(), path, "provider = \"" + m.group(1) + "\""));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Recognition recognise(String path, String content) {
        return PATH.matcher(path).matches() ? Recognition.NAME : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, content, context);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(false, "Prisma stores a checksum of each applied `migration.sql`: `prisma migrate dev` reports that the migration was modified after it was applied and asks to reset the development database; `migrate deploy` does not run it again.",
                "");
    }

    @Override
    public String runOutsideTransaction() {
        return "Prisma Migrate: put it in a migration of its own containing only this statement.";
    }

    private static MigrationScript read(String path, String content, FormatContext context) {
        Matcher m = PATH.matcher(path);
        ScriptLines lines = new ScriptLines(content);
        return new MigrationScript(path, MigrationTool.PRISMA, m.matches() ? m.group(1) : null, content,
                lines.wholeAsOneQueryString(context.runsAsOneTransaction(path, lines)));
    }
}
