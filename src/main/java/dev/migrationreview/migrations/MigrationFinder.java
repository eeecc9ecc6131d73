package dev.migrationreview.migrations;

import dev.migrationreview.config.ReviewConfig;
import java.io.IOException;
import java.util.List;

/**
 * Finds a repository's migration files (from config's {@code migrations:} or by layout detection) and
 * returns them in the order the tool applies them, with their applied sections and transaction mode.
 * Files under {@code ignore-paths} are left out.
 */
public interface MigrationFinder {
    List<MigrationScript> find(RepositoryFiles files, ReviewConfig config) throws IOException;

    /**
     * Reads one file on its own (the CLI's {@code analyze FILE...}): the tool from {@code tool}, or, when
     * null, from the file's name and markers ({@code -- +goose Up}, {@code -- migrate:up},
     * {@code --liquibase formatted sql}), else plain.
     */
    MigrationScript script(String path, String content, MigrationTool tool);
}
