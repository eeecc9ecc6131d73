package dev.migrationreview.format.flyway;

import dev.migrationreview.format.FormatContext;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.format.NaturalOrder;
import dev.migrationreview.format.PathNames;
import dev.migrationreview.format.ScriptLines;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.RawStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Flyway SQL migrations: {@code V<version>__<description>.sql} in version order, then
 * {@code R__<description>.sql} in description order; {@code U<version>__} undo scripts are never applied.
 * Flyway's location is the nearest enclosing {@code migration(s)} directory (dhis2 keeps one subdirectory per
 * release).
 */
public final class FlywayFormat implements MigrationFormat {

    private static final Pattern HEADER_NO_TRANSACTION =
            Pattern.compile("\\s*--\\s*flyway:executeInTransaction\\s*=\\s*false\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONF_NO_TRANSACTION =
            Pattern.compile("(?m)^\\s*(?:flyway\\.)?executeInTransaction\\s*=\\s*false\\s*$");

    /*
     * Statements Flyway's PostgreSQL parser (flyway-database-postgresql 10) recognises as unable to run in a
     * transaction; a script containing one is executed without a transaction, statement by statement.
     */
    private static final List<Pattern> NON_TRANSACTIONAL = List.of(
            Pattern.compile("^(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)\\b"),
            Pattern.compile("^ALTER SYSTEM\\b"),
            Pattern.compile("^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY\\b"),
            Pattern.compile("^REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)\\b"),
            Pattern.compile("^VACUUM\\b"),
            Pattern.compile("^DISCARD ALL\\b"));
    /** A word each of {@link #NON_TRANSACTIONAL}'s statements holds. */
    static final List<String> NON_TRANSACTIONAL_WORDS = List.of("DATABASE", "TABLESPACE", "SUBSCRIPTION", "SYSTEM",
            "CONCURRENTLY", "REINDEX", "VACUUM", "DISCARD");
    private static final Pattern ALTER_TYPE_ADD_VALUE = Pattern.compile("^ALTER TYPE( .*)? ADD VALUE\\b");
    /** A statement's kind is recognised from its first few keywords. */
    private static final int HEAD_LENGTH = 160;

    @Override
    public MigrationTool tool() {
        return MigrationTool.FLYWAY;
    }

    @Override
    public int precedence() {
        return 40;
    }

    @Override
    public List<Claim> claim(List<String> candidates, FormatContext context) {
        List<Claim> out = new ArrayList<>();
        for (String path : candidates) {
            String name = PathNames.fileName(path);
            // undo scripts are claimed so that no other format takes them, and never applied
            if (path.endsWith(".sql") && FlywayName.parse(name) != null) {
                out.add(new Claim(path, flywayRoot(path)));
            }
        }
        return out;
    }

    @Override
    public List<MigrationScript> scripts(String root, List<String> paths, FormatContext context) throws IOException {
        List<String> versioned = new ArrayList<>();
        List<String> repeatable = new ArrayList<>();
        // each name read once, and each file's version once into its sort key, not once per comparison of an 800-file sort
        Map<String, String> versions = new HashMap<>();
        Map<String, NaturalOrder.VersionKey> versionKeys = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        for (String path : paths) {
            if (context.isForAnotherDatabase(path)) {
                continue;
            }
            FlywayName name = FlywayName.parse(PathNames.fileName(path));
            if (name == null) {
                continue;
            }
            if (name.versioned()) {
                String version = name.version().replace('_', '.');
                versions.put(path, version);
                versionKeys.put(path, NaturalOrder.versionKey(version));
                versioned.add(path);
            } else if (name.repeatable()) {
                descriptions.put(path, name.description().replace('_', ' '));
                repeatable.add(path);
            }
        }
        versioned.sort(Comparator.<String, NaturalOrder.VersionKey>comparing(versionKeys::get)
                .thenComparing(NaturalOrder.NATURAL));
        repeatable.sort(Comparator.<String, String>comparing(descriptions::get).thenComparing(NaturalOrder.NATURAL));
        List<MigrationScript> out = new ArrayList<>();
        for (String path : versioned) {
            out.add(read(path, versions.get(path), context));
        }
        for (String path : repeatable) {
            out.add(read(path, null, context));
        }
        return out;
    }

    /** A listed script with its side-car, read once per review (the base and the head share most files). */
    private MigrationScript read(String path, String version, FormatContext context) throws IOException {
        if (!context.judges(path)) {
            return context.wholeFileHistory(path, MigrationTool.FLYWAY, version);
        }
        String content = context.read(path);
        Optional<String> sidecar = context.readSidecar(path + ".conf");
        return context.readOnce(this, path, content, sidecar, () -> read(path, version, content, sidecar, context));
    }

    @Override
    public Recognition recognise(String path, String content) {
        FlywayName name = FlywayName.parse(PathNames.fileName(path));
        return name != null && (name.versioned() || name.repeatable()) ? Recognition.NAME : Recognition.NONE;
    }

    @Override
    public MigrationScript script(String path, String content, FormatContext context) {
        return read(path, version(PathNames.fileName(path)), content, Optional.empty(), context);
    }

    @Override
    public AppliedEdit appliedEdit() {
        return new AppliedEdit(true, "Flyway stores a checksum of every applied script, and `migrate` validates them first (validateOnMigrate is on by default): any change, even a comment, fails the deploy with a checksum mismatch until `flyway repair` is run on that database.",
                "or run `flyway repair` on every database after deploying it");
    }

    @Override
    public String runOutsideTransaction() {
        return "Flyway: put it in a migration of its own and set `executeInTransaction=false` in that script's"
                + " `.sql.conf` file (Flyway 9+ also detects CONCURRENTLY and runs such a script without a transaction"
                + " when it holds only non-transactional statements).";
    }

    /** Flyway's version with {@code _} read as {@code .} ({@code V2_31_1} is version {@code 2.31.1}); null for R__. */
    static String version(String fileName) {
        FlywayName name = FlywayName.parse(fileName);
        return name != null && name.versioned() ? name.version().replace('_', '.') : null;
    }

    /**
     * @param sidecar the {@code <script>.sql.conf} next to the script, if any. Before PostgreSQL 12
     *                {@code ALTER TYPE ... ADD VALUE} cannot run in a transaction and Flyway knows it.
     */
    private static MigrationScript read(String path, String version, String content, Optional<String> sidecar,
            FormatContext context) {
        ScriptLines lines = new ScriptLines(content);
        Words words = Words.in(content, context.databaseVersion() < 12);
        boolean transactional = !declaresNoTransaction(lines, words, sidecar)
                && !(context.dialect() == Dialect.POSTGRESQL && hasNonTransactionalStatement(content, words, context));
        return new MigrationScript(path, MigrationTool.FLYWAY, version, content, lines.whole(transactional));
    }

    private static boolean declaresNoTransaction(ScriptLines lines, Words words, Optional<String> sidecar) {
        if (sidecar.isPresent() && CONF_NO_TRANSACTION.matcher(sidecar.get()).find()) {
            return true;
        }
        // a file without the directive's name cannot hold it: one scan instead of a match per line
        if (!words.directive) {
            return false;
        }
        for (int i = 1; i <= lines.count(); i++) {
            if (HEADER_NO_TRANSACTION.matcher(lines.line(i)).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every statement that cannot run in a transaction names one of {@link #NON_TRANSACTIONAL_WORDS} as a word in
     * its {@link #head}, so a file naming none is not split at all (splitting each file of an 800-file history twice,
     * base and head, was a tenth of a warm command-line review, docs/performance.md).
     */
    private static boolean hasNonTransactionalStatement(String content, Words words, FormatContext context) {
        if (!words.nonTransactional && (context.databaseVersion() >= 12 || !words.value)) {
            return false;
        }
        for (RawStatement s : context.statements(content)) {
            String head = head(s.sql());
            for (Pattern p : NON_TRANSACTIONAL) {
                if (p.matcher(head).lookingAt()) {
                    return true;
                }
            }
            if (context.databaseVersion() < 12 && ALTER_TYPE_ADD_VALUE.matcher(head).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which of the words Flyway's checks look for a file names, found in one pass over its text, without an
     * upper-cased copy of it (that copy and a scan per word were a fifth of a warm review of an 800-file history).
     * Case is folded as {@link AsciiCase} folds it.
     */
    static final class Words {
        /**
         * One of {@link #NON_TRANSACTIONAL_WORDS} ends a word: in the statement heads the patterns read, each is
         * followed by a word boundary or a space, and in an ASCII text a head's word ends where the file's does. In a
         * text with other characters (which {@link #head} upper-cases the JDK's way, {@code ſ} to {@code S}) any
         * occurrence counts, as before.
         */
        boolean nonTransactional;
        /** {@code VALUE} anywhere (ALTER TYPE ... ADD VALUE, before PostgreSQL 12). */
        boolean value;
        /** {@code EXECUTEINTRANSACTION} anywhere (Flyway's script header). */
        boolean directive;

        /** Letters, digits and {@code _}: the ASCII characters a regular expression's word boundary reads as a word's. */
        private static final boolean[] WORD = new boolean[128];

        static {
            for (char c = 0; c < 128; c++) {
                WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }
        }

        static Words in(String content, boolean wantValue) {
            Words words = new Words();
            // the bytes, not charAt: most of the scan runs before the JIT has compiled it, where a call per character
            // costs more than the copy; an ASCII text is its own UTF-8, any other character shows as a byte >= 0x80
            byte[] text = content.getBytes(StandardCharsets.UTF_8);
            boolean ascii = true;
            int n = text.length;
            int i = 0;
            while (i < n) {
                int c = text[i++];
                if (c < 0) {
                    ascii = false;
                    continue;
                }
                if (!WORD[c]) {
                    continue;
                }
                int start = i - 1;
                while (i < n) {
                    int d = text[i];
                    if (d < 0 || !WORD[d]) {
                        break;
                    }
                    i++;
                }
                int length = i - start;
                if (length < 5) {
                    continue;
                }
                if (!words.nonTransactional && length >= 6 && endsWithNonTransactionalWord(text, start, i)) {
                    words.nonTransactional = true;
                }
                if (wantValue && !words.value && containsUpper(text, start, i, "VALUE")) {
                    words.value = true;
                }
                if (!words.directive && length >= 20 && containsUpper(text, start, i, "EXECUTEINTRANSACTION")) {
                    words.directive = true;
                }
            }
            if (!ascii && !words.nonTransactional) {
                String upper = AsciiCase.upper(content);
                for (String word : NON_TRANSACTIONAL_WORDS) {
                    words.nonTransactional |= upper.contains(word);
                }
            }
            return words;
        }

        private static int upper(int c) {
            return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
        }

        private static boolean endsWithNonTransactionalWord(byte[] s, int start, int end) {
            int last = upper(s[end - 1]);
            // most words end in none of the words' last letters
            if (last != 'E' && last != 'N' && last != 'M' && last != 'Y' && last != 'X' && last != 'D') {
                return false;
            }
            for (String word : NON_TRANSACTIONAL_WORDS) {
                if (end - start >= word.length() && last == word.charAt(word.length() - 1)
                        && regionUpper(s, end - word.length(), word)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean containsUpper(byte[] s, int start, int end, String word) {
            for (int at = start; at + word.length() <= end; at++) {
                if (regionUpper(s, at, word)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code word} (upper case) is at {@code at}, ASCII letters compared upper-cased. */
        private static boolean regionUpper(byte[] s, int at, String word) {
            for (int k = 0; k < word.length(); k++) {
                if (upper(s[at + k]) != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The statement's first keywords as Flyway's parser compares them: comments removed, quoted text blanked,
     * whitespace collapsed, upper case.
     */
    static String head(String sql) {
        StringBuilder out = new StringBuilder();
        int n = sql.length();
        int i = 0;
        while (i < n && out.length() < HEAD_LENGTH) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space(out);
            } else if (c == '/' && next == '*') {
                int depth = 0;
                while (i < n) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
                space(out);
            } else if (c == '\'' || c == '"') {
                int close = sql.indexOf(c, i + 1);
                out.append(c).append(c);
                i = close < 0 ? n : close + 1;
            } else if (Character.isWhitespace(c)) {
                space(out);
                i++;
            } else {
                out.append(Character.toUpperCase(c));
                i++;
            }
        }
        return out.toString().strip().toUpperCase(Locale.ROOT);
    }

    private static void space(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    /** Flyway's location: the nearest enclosing {@code migration(s)} directory. */
    private static String flywayRoot(String path) {
        String dir = PathNames.parent(path);
        String probe = dir;
        while (!probe.isEmpty()) {
            String name = PathNames.fileName(probe);
            if (name.equals("migration") || name.equals("migrations")) {
                return probe;
            }
            probe = PathNames.parent(probe);
        }
        return dir;
    }
}
