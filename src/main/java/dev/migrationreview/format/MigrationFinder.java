package dev.migrationreview.format;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.List;

/**
 * Finds a repository's migration files (from config's {@code migrations:} or by layout detection) and
 * returns them in the order the tool applies them, with their applied sections and transaction mode.
 * Files under {@code ignore-paths} are left out.
 */
public interface MigrationFinder {
    List<MigrationScript> find(RepositoryFiles files, FormatSettings settings) throws IOException;

    /** The same search, with the SQL files it left out because they are written for another database. */
    default Found findWithSkipped(RepositoryFiles files, FormatSettings settings) throws IOException {
        return new Found(find(files, settings), List.of());
    }

    /**
     * The same search as one of several within one review (its head and its base): a file an earlier search of the
     * review read with the same text is not read again.
     *
     * @param recognised one per review, shared by its searches
     */
    default Found findWithSkipped(RepositoryFiles files, FormatSettings settings, RecognisedScripts recognised) throws IOException {
        return findWithSkipped(files, settings);
    }

    /**
     * Which database the repository's migrations are written for, where the repository says it (a format's own
     * settings, else a {@code *.mysql.sql}-style naming used for one database only). Called only when config names no
     * dialect; empty when nothing says it (the default, PostgreSQL, applies).
     */
    default java.util.Optional<DialectEvidence> detectDialect(RepositoryFiles files, FormatSettings settings) throws IOException {
        return java.util.Optional.empty();
    }

    /**
     * @param otherDatabase SQL files in migration folders that name another database ({@code db/sqlite/}, {@code x.mysql.sql})
     * @param locations for each script, the location it belongs to (a configured {@code migrations} entry, or a detected
     *                  layout's root and tool): each location is its own database history, so a monorepo's services do
     *                  not see each other's tables
     * @param schemaDumps by location, the schema dump its tool keeps ({@link MigrationFormat#schemaDump}), when it has one
     */
    record Found(List<MigrationScript> scripts, List<String> otherDatabase, List<String> locations,
            java.util.Map<String, MigrationFormat.SchemaDump> schemaDumps) {
        public Found {
            scripts = List.copyOf(scripts);
            otherDatabase = List.copyOf(otherDatabase);
            locations = List.copyOf(locations);
            schemaDumps = java.util.Map.copyOf(schemaDumps);
            if (locations.size() != scripts.size()) {
                throw new IllegalArgumentException(scripts.size() + " scripts but " + locations.size() + " locations");
            }
        }

        /** Locations without a schema dump (every tool but Rails). */
        public Found(List<MigrationScript> scripts, List<String> otherDatabase, List<String> locations) {
            this(scripts, otherDatabase, locations, java.util.Map.of());
        }

        /** All scripts in one location (a finder that knows of no locations). */
        public Found(List<MigrationScript> scripts, List<String> otherDatabase) {
            this(scripts, otherDatabase, java.util.Collections.nCopies(scripts.size(), ""));
        }

        /** The scripts grouped by location, locations in the order the finder returned them, each in applied order. */
        public java.util.Map<String, List<MigrationScript>> byLocation() {
            java.util.LinkedHashMap<String, List<MigrationScript>> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < scripts.size(); i++) {
                out.computeIfAbsent(locations.get(i), k -> new java.util.ArrayList<>()).add(scripts.get(i));
            }
            return out;
        }
    }

    /**
     * Reads one file on its own (the CLI's {@code analyze FILE}): the tool from {@code tool}, or, when
     * null, from the file's markers ({@code -- +goose Up}, {@code -- migrate:up},
     * {@code --liquibase formatted sql}) or name, else plain.
     */
    MigrationScript script(String path, String content, MigrationTool tool, FormatSettings settings);

    /** {@link #script(String, String, MigrationTool, FormatSettings)} with the config's defaults (PostgreSQL 14). */
    default MigrationScript script(String path, String content, MigrationTool tool) {
        return script(path, content, tool, new FormatSettings() {
            @Override
            public Dialect dialect() {
                return Dialect.POSTGRESQL;
            }

            @Override
            public int databaseVersion() {
                return 14;
            }

            @Override
            public List<? extends Location> migrations() {
                return List.of();
            }

            @Override
            public List<String> ignorePaths() {
                return List.of();
            }
        });
    }
}
