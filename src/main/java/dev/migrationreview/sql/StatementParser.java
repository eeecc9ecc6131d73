package dev.migrationreview.sql;

import java.util.List;

/**
 * Turns a file's text into understood statements: split, parse, classify what the parser cannot.
 * Implementations cache by content hash so that replaying a history twice parses each file once.
 */
public interface StatementParser {
    Dialect dialect();

    List<ParsedStatement> parse(String text);
}
