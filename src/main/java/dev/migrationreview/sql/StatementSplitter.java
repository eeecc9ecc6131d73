package dev.migrationreview.sql;

import java.util.List;

/** Cuts a migration file's text into statements, keeping exact spans. One implementation per dialect. */
public interface StatementSplitter {
    Dialect dialect();

    List<RawStatement> split(String text);
}
