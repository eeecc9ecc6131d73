package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.ParseCache;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.ParsedStatement.Recogniser;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.StatementParser;
import dev.migrationreview.sql.StatementSplitter;
import dev.migrationreview.sql.statement.Statement;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * PostgreSQL statements: split, then each one to its IR. Data statements take their IR from JSqlParser's
 * AST, where its table finder is reliable (the classifier takes those JSqlParser cannot parse); DDL and
 * everything else take it from {@link PostgresDdlClassifier} without asking JSqlParser, whose tree they
 * would not use (a failed attempt and a thread hop per statement were most of a history's parse time). The classifier
 * follows PostgreSQL's grammar and keeps what JSqlParser's AST drops (NOT VALID, USING INDEX, ONLY,
 * CONCURRENTLY, identity and generated columns, index predicates). Results are cached by the SHA-256
 * of the file text, so replaying the same history twice parses each file once.
 */
@Singleton
public final class PostgresStatementParser implements StatementParser, AutoCloseable {

    /** Long enough for the largest statement in the corpus, short enough that a pathological one cannot stall a review. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_CACHE_FILES = 4096;
    /**
     * The statements whose IR comes from JSqlParser's tree ({@link #fromAst}): only these pay for JSqlParser
     * and its timeout thread first. Everything else goes to the classifier, and to JSqlParser only when the
     * classifier cannot say what it is.
     */
    private static final Set<String> DATA_KINDS = Set.of("INSERT", "UPDATE", "DELETE", "SELECT", "WITH", "VALUES", "TABLE", "(");
    /** Deepest parenthesis nesting handed to JSqlParser; the corpus's deepest statement has at most 27 levels. */
    static final int MAX_NESTING = 64;
    /** Below this many statements a file is parsed on the calling thread: handing off costs more than it saves. */
    private static final int PARALLEL_FROM = 16;

    private final StatementSplitter splitter;
    private final PostgresDdlClassifier classifier = new PostgresDdlClassifier();
    private final long timeoutMillis;
    private final ExecutorService parserThreads;
    /** Statements of one file are understood in parallel; JSqlParser dominates the cost of a large schema dump. */
    private final ExecutorService statementWorkers;
    private final Map<String, List<ParsedStatement>> cache;
    private final int cacheCapacity;
    private final Optional<ParseCache> disk;

    public PostgresStatementParser() {
        this(Optional.empty());
    }

    /** @param disk a cache that outlives the process (the command line's, on disk); the server has none */
    @Inject
    public PostgresStatementParser(Optional<ParseCache> disk) {
        this(new PostgresStatementSplitter(), DEFAULT_TIMEOUT, DEFAULT_CACHE_FILES, disk);
    }

    public PostgresStatementParser(StatementSplitter splitter, Duration timeout, int cacheFiles) {
        this(splitter, timeout, cacheFiles, Optional.empty());
    }

    public PostgresStatementParser(StatementSplitter splitter, Duration timeout, int cacheFiles, Optional<ParseCache> disk) {
        this.disk = disk;
        this.splitter = splitter;
        this.timeoutMillis = timeout.toMillis();
        this.cacheCapacity = cacheFiles;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<ParsedStatement>> eldest) {
                return size() > cacheCapacity;
            }
        });
        // JSqlParser logs every fallback to complex parsing at INFO; that is noise in a review's output.
        Logger.getLogger(CCJSqlParserUtil.class.getName()).setLevel(Level.WARNING);
        Logger.getLogger("net.sf.jsqlparser").setLevel(Level.WARNING);
        this.parserThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jsqlparser");
            t.setDaemon(true);
            return t;
        });
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "statement-parser");
            t.setDaemon(true);
            return t;
        });
        // a parser constructed directly (CLI, tests) and never closed must not keep idle threads forever
        pool.allowCoreThreadTimeOut(true);
        this.statementWorkers = pool;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public List<ParsedStatement> parse(String text) {
        return parse(text, Integer.MAX_VALUE);
    }

    @Override
    public List<ParsedStatement> parse(String text, int limit) {
        // in memory by the text itself, as the MySQL parser: hashing it first started the JDK's security providers on
        // every command-line run (2% of a warm review); the disk cache names its files by the text's digest
        List<ParsedStatement> cached = cache.get(text);
        if (cached != null) {
            return cached.size() <= limit ? cached : cached.subList(0, limit);
        }
        String key = disk.isPresent() ? sha256(text) : null;
        Optional<List<ParsedStatement>> stored = disk.flatMap(d -> d.load(Dialect.POSTGRESQL, key));
        if (stored.isPresent()) {
            cache.put(text, stored.get());
            return stored.get().size() <= limit ? stored.get() : stored.get().subList(0, limit);
        }
        List<RawStatement> all = splitter.split(text);
        List<RawStatement> raws = all.size() <= limit ? all : all.subList(0, limit);
        List<ParsedStatement> result = new ArrayList<>(raws.size());
        if (raws.size() < PARALLEL_FROM) {
            for (RawStatement raw : raws) {
                result.add(parseStatement(raw));
            }
        } else {
            List<Future<ParsedStatement>> futures = new ArrayList<>(raws.size());
            for (RawStatement raw : raws) {
                futures.add(statementWorkers.submit(() -> parseStatement(raw)));
            }
            for (int i = 0; i < futures.size(); i++) {
                result.add(await(futures.get(i), raws.get(i)));
            }
        }
        List<ParsedStatement> immutable = List.copyOf(withDoBlockBodies(result));
        // a file cut at the statement limit is not the file: never cache it as if it were
        if (raws.size() == all.size()) {
            cache.put(text, immutable);
            if (repeatable(immutable)) {
                disk.ifPresent(d -> d.store(Dialect.POSTGRESQL, key, immutable));
            }
        }
        return immutable;
    }

    /** JSqlParser's words when it stops at the timeout: a busy moment, not the statement, decided that. */
    static final String TIMED_OUT = "Time out occurred.";

    @Override
    public boolean repeatable(List<ParsedStatement> statements) {
        for (ParsedStatement statement : statements) {
            if (statement.parseError() != null && statement.parseError().contains(TIMED_OUT)) {
                return false;
            }
        }
        return true;
    }

    private ParsedStatement await(Future<ParsedStatement> future, RawStatement raw) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing statement " + (raw.index() + 1), e);
        } catch (ExecutionException e) {
            // parseStatement catches what JSqlParser throws; only an Error gets here
            throw new IllegalStateException("parsing statement at line " + raw.span().startLine() + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Each DO block is replaced by the statements its body writes out, at their own lines, so they are reviewed
     * and replayed like the rest of the file; a body with none stays one DO statement. Statement indexes are
     * renumbered in file order.
     */
    private List<ParsedStatement> withDoBlockBodies(List<ParsedStatement> statements) {
        if (statements.stream().noneMatch(p -> p.statement() instanceof Statement.DoBlock)) {
            return statements;
        }
        List<ParsedStatement> out = new ArrayList<>();
        for (ParsedStatement p : statements) {
            List<RawStatement> inner = p.statement() instanceof Statement.DoBlock ? DoBlockStatements.of(p.raw(), splitter) : List.of();
            if (inner.isEmpty()) {
                out.add(p);
                continue;
            }
            for (RawStatement r : inner) {
                out.add(r.sql().regionMatches(true, 0, "EXECUTE", 0, 7)
                        ? new ParsedStatement(r, "EXECUTE", new Statement.Unrecognised("dynamic SQL in a DO block (EXECUTE): the "
                                + "statement it runs is built when it runs, so it is not reviewed; check it by hand"), Recogniser.NONE, null)
                        : parseStatement(r));
            }
        }
        List<ParsedStatement> renumbered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            ParsedStatement p = out.get(i);
            RawStatement r = p.raw();
            renumbered.add(r.index() == i ? p : new ParsedStatement(new RawStatement(i, r.sql(), r.span(), r.leadingComments(),
                    r.metaCommand()), p.kind(), p.statement(), p.source(), p.parseError()));
        }
        return renumbered;
    }

    /** How many files' results the cache holds now (for the benchmark and tests). */
    public int cachedFiles() {
        return cache.size();
    }

    /** Understands one statement; never throws. */
    public ParsedStatement parseStatement(RawStatement raw) {
        if (raw.metaCommand()) {
            return new ParsedStatement(raw, "META", new Statement.MetaCommand(raw.sql()), Recogniser.CLASSIFIER, null);
        }
        List<SqlToken> tokens = SqlToken.tokenize(raw.sql());
        String kind = PostgresDdlClassifier.kind(tokens);
        if (!DATA_KINDS.contains(kind)) {
            // DDL and the rest: JSqlParser's tree is not used for them, so it is asked only when the classifier cannot say
            Statement classified = classifier.classify(raw.sql(), tokens);
            if (classified != null) {
                return new ParsedStatement(raw, kindFor(kind, classified), classified, Recogniser.CLASSIFIER, null);
            }
        }
        net.sf.jsqlparser.statement.Statement ast = null;
        String parseError = null;
        int depth = nesting(tokens);
        if (depth > MAX_NESTING) {
            // JSqlParser's time grows steeply with depth: such a statement would only wait out the timeout
            parseError = "parentheses nested " + depth + " deep (more than " + MAX_NESTING + "): not handed to the SQL parser";
        } else {
            try {
                ast = CCJSqlParserUtil.parse(raw.sql(), parserThreads, p -> p.withTimeOut(timeoutMillis));
            } catch (JSQLParserException e) {
                parseError = firstLine(e);
            } catch (RuntimeException | StackOverflowError e) {
                parseError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (ast != null) {
            Statement mapped = fromAst(ast);
            if (mapped != null) {
                return new ParsedStatement(raw, kindFor(kind, mapped), mapped, Recogniser.PARSER, null);
            }
        }
        Statement classified = DATA_KINDS.contains(kind) ? classifier.classify(raw.sql(), tokens) : null;
        if (classified != null) {
            return new ParsedStatement(raw, kindFor(kind, classified), classified, Recogniser.CLASSIFIER, parseError);
        }
        String reason = parseError != null ? parseError
                : "JSqlParser parsed it as " + ast.getClass().getSimpleName() + " but its form is not one the engine models";
        return new ParsedStatement(raw, kind, new Statement.Unrecognised(reason), Recogniser.NONE, parseError);
    }

    /** The deepest parenthesis nesting among the statement's tokens (parentheses in strings and comments do not count). */
    private static int nesting(List<SqlToken> tokens) {
        int depth = 0;
        int max = 0;
        for (SqlToken t : tokens) {
            if (t.isPunct("(")) {
                max = Math.max(max, ++depth);
            } else if (t.isPunct(")")) {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    /** A WITH query is named by what it does. */
    private static String kindFor(String kind, Statement statement) {
        if (!kind.equals("WITH")) {
            return kind;
        }
        if (statement instanceof Statement.Insert) {
            return "INSERT";
        }
        if (statement instanceof Statement.Update) {
            return "UPDATE";
        }
        if (statement instanceof Statement.Delete) {
            return "DELETE";
        }
        if (statement instanceof Statement.Select) {
            return "SELECT";
        }
        return kind;
    }

    /** IR for the statements whose JSqlParser AST carries everything the IR needs; null hands over to the classifier. */
    private static Statement fromAst(net.sf.jsqlparser.statement.Statement ast) {
        try {
            if (ast instanceof Insert insert) {
                QualifiedName table = name(insert.getTable().getFullyQualifiedName());
                Select select = insert.getSelect();
                boolean fromSelect = select != null && !(select instanceof Values)
                        && !(select.getPlainSelect() == null && AsciiCase.upper(select.toString().trim()).startsWith("VALUES"));
                return new Statement.Insert(table, fromSelect, others(ast, table));
            }
            if (ast instanceof Update update) {
                QualifiedName table = name(update.getTable().getFullyQualifiedName());
                return new Statement.Update(table, update.getWhere() != null, others(ast, table));
            }
            if (ast instanceof Delete delete) {
                QualifiedName table = name(delete.getTable().getFullyQualifiedName());
                return new Statement.Delete(table, delete.getWhere() != null, others(ast, table));
            }
            if (ast instanceof Select) {
                return new Statement.Select(tables(ast));
            }
        } catch (RuntimeException e) {
            // an AST shape the mapping does not know: let the classifier try
        }
        return null;
    }

    private static List<QualifiedName> tables(net.sf.jsqlparser.statement.Statement ast) {
        Set<String> names = new TablesNamesFinder<>().getTables(ast);
        List<QualifiedName> out = new ArrayList<>();
        for (String n : names) {
            out.add(name(n));
        }
        return out;
    }

    private static List<QualifiedName> others(net.sf.jsqlparser.statement.Statement ast, QualifiedName target) {
        List<QualifiedName> all = new ArrayList<>(tables(ast));
        all.remove(target);
        return all;
    }

    private static QualifiedName name(String written) {
        return QualifiedName.parse(written);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        if (m == null && e.getCause() != null) {
            m = e.getCause().getMessage();
        }
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        statementWorkers.shutdownNow();
        parserThreads.shutdownNow();
    }
}
