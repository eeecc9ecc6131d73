package dev.migrationreview.format;

import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.sql.Dialect;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The scripts one review has read from its files. A review finds the migrations twice, at the head and at the base,
 * and the two commits hold mostly the same files with the same text: a format reads such a file once, and the other
 * find gets the same script. Create one per review and hand it to both finds
 * ({@link MigrationFinder#findWithSkipped(dev.migrationreview.fetch.RepositoryFiles, FormatSettings, RecognisedScripts)});
 * never share one between reviews or repositories. Safe to use from several threads.
 */
public final class RecognisedScripts {
    /**
     * Everything a reading depends on but the file's text: a format reads a file from its path, its text, what else
     * it looked up for it ({@code inputs}: a side-car file) and the configured database.
     */
    private static final class Key {
        private final Class<?> format;
        private final String path;
        private final Object inputs;
        private final Dialect dialect;
        private final int major;
        private final DatabaseVersion version;
        private final int hash;

        Key(Class<?> format, String path, Object inputs, Dialect dialect, int major, DatabaseVersion version) {
            this.format = format;
            this.path = path;
            this.inputs = inputs;
            this.dialect = dialect;
            this.major = major;
            this.version = version;
            // written out: a record's generated hashCode and equals cost a bootstrap per JVM, a fifth of this map's time
            this.hash = (path.hashCode() * 31 + java.util.Objects.hashCode(inputs)) * 31 + format.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.format == format && k.path.equals(path) && k.dialect == dialect
                    && k.major == major && java.util.Objects.equals(k.inputs, inputs) && k.version.equals(version);
        }
    }

    private record Reading(String content, MigrationScript script) {}

    private final Map<Key, Reading> readings = new ConcurrentHashMap<>();
    /** The paths the review judges (reports, rules); null when it judges every file. */
    private final Set<String> judged;

    /** For a find whose every file may be judged ({@code analyze}, a caller that does not say). */
    public RecognisedScripts() {
        this.judged = null;
    }

    private RecognisedScripts(Set<String> judged) {
        this.judged = Set.copyOf(judged);
    }

    /**
     * For a review that judges only {@code paths} (the change's): every other file is history, whose replay reads no
     * transaction flag, so a format may leave out work that only computes it. Whether a path is judged depends on the
     * path alone, and the path is part of every reading's key: a judged path is never handed a script read unjudged.
     */
    public static RecognisedScripts judging(java.util.Collection<String> paths) {
        return new RecognisedScripts(new java.util.HashSet<>(paths));
    }

    /** Whether the review judges the file at {@code path} (reports its transaction, runs rules on it). */
    boolean judges(String path) {
        return judged == null || judged.contains(path);
    }

    /**
     * The script {@code read} makes of the file, or the one it made earlier in this review of the same file with the
     * same text, inputs and database.
     */
    MigrationScript of(MigrationFormat format, String path, String content, Object inputs, FormatSettings settings,
            Supplier<MigrationScript> read) {
        Key key = new Key(format.getClass(), path, inputs, settings.dialect(), settings.databaseVersion(),
                settings.version());
        Reading known = readings.get(key);
        // base and head share one String per git blob, so the first test is the one that answers
        if (known != null && (known.content() == content || known.content().equals(content))) {
            return known.script();
        }
        MigrationScript script = read.get();
        readings.put(key, new Reading(content, script));
        return script;
    }
}
