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
