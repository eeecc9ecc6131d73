package dev.migrationreview.mysql.sql;

import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.ParsedStatement.Recogniser;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.StatementParser;
import dev.migrationreview.sql.StatementSplitter;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MySQL statements: split by {@link MysqlStatementSplitter}, each classified by {@link MysqlClassifier} following
 * MySQL's grammar. JSqlParser is not asked: the model reads nothing its tree would add, and its MySQL grammar drops
 * what the model needs (ALGORITHM=, LOCK=, FIRST/AFTER, index types). Results are cached by file text.
 */
@Singleton
public class MysqlStatementParser implements StatementParser {
    private static final int CACHE_FILES = 4096;

    private final StatementSplitter splitter;
    private final MysqlClassifier classifier = new MysqlClassifier();
    private final Map<String, List<ParsedStatement>> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ParsedStatement>> eldest) {
            return size() > CACHE_FILES;
        }
    });

    @jakarta.inject.Inject
    public MysqlStatementParser() {
        this(new MysqlStatementSplitter());
    }

    protected MysqlStatementParser(StatementSplitter splitter) {
        this.splitter = splitter;
    }

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public List<ParsedStatement> parse(String text) {
        List<ParsedStatement> cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        List<ParsedStatement> out = new ArrayList<>();
        for (RawStatement raw : splitter.split(text)) {
            out.add(understand(raw));
        }
        List<ParsedStatement> result = List.copyOf(out);
        cache.put(text, result);
        return result;
    }

    /** One statement; never throws: a statement the classifier fails on is reported as not understood. */
    public ParsedStatement understand(RawStatement raw) {
        if (raw.metaCommand()) {
            return new ParsedStatement(raw, "DELIMITER", new Statement.MetaCommand(raw.sql()), Recogniser.CLASSIFIER, null);
        }
        MysqlTokens tokens = new MysqlTokens(raw.sql());
        String kind = MysqlClassifier.kind(tokens);
        if (tokens.tokens.isEmpty()) {
            // only a versioned comment's markers, or nothing the server runs
            return new ParsedStatement(raw, "EMPTY", new Statement.OtherKnown("EMPTY", List.of()), Recogniser.CLASSIFIER, null);
        }
        try {
            Statement statement = withoutMissingTable(classifier.classify(tokens, kind));
            return new ParsedStatement(raw, kind, statement, statement instanceof Statement.Unrecognised ? Recogniser.NONE : Recogniser.CLASSIFIER,
                    statement instanceof Statement.Unrecognised u ? u.reason() : null);
        } catch (RuntimeException e) {
            return new ParsedStatement(raw, kind, new Statement.Unrecognised("the MySQL classifier failed: " + e), Recogniser.NONE, e.toString());
        }
    }

    /**
     * A statement on a table whose name the classifier could not read (a string where the name goes: {@code DROP INDEX i
     * ON 'x'}) is not understood: the engine and the rules may rely on every table statement naming its table.
     */
    private static Statement withoutMissingTable(Statement statement) {
        if (statement instanceof Statement.AlterTable a && a.table() == null
                || statement instanceof Statement.CreateIndex c && c.table() == null
                || statement instanceof Statement.RenameTable r && (r.from() == null || r.to() == null)
                || statement instanceof Statement.DropTable d && d.tables().stream().anyMatch(java.util.Objects::isNull)) {
            return new Statement.Unrecognised("no table name where the statement needs one");
        }
        return statement;
    }
}
