package dev.migrationreview.sql;

import java.util.List;

/**
 * Turns a file's text into understood statements: split, parse, classify what the parser cannot.
 * Implementations cache by content hash so that replaying a history twice parses each file once.
 */
public interface StatementParser {
    Dialect dialect();

    List<ParsedStatement> parse(String text);

    /**
     * The first {@code limit} statements only, for files too long to review whole: the statements past the
     * limit are cut but never parsed.
     */
    default List<ParsedStatement> parse(String text, int limit) {
        List<ParsedStatement> all = parse(text);
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    /**
     * Whether parsing the same text again gives these statements again: false when the parser gave up on one for
     * lack of time, which a less busy machine would not. Only such results may outlive the process (the on-disk
     * caches), so that a cache never keeps what one loaded moment made of a file.
     */
    default boolean repeatable(List<ParsedStatement> statements) {
        return true;
    }
}
