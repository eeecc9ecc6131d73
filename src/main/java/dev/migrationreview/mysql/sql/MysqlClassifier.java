package dev.migrationreview.mysql.sql;

import dev.migrationreview.mysql.sql.MysqlTokens.Kind;
import dev.migrationreview.mysql.sql.MysqlTokens.Token;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MySQL and MariaDB statements to the generic statement model, following the servers' grammar (Reference Manual
 * chapter 15 "SQL Statements"; MariaDB's "SQL Statements & Structure"). Names keep their case, as MySQL compares
 * column names without case but table names by the file system's rules; backquotes are removed. What it cannot
 * follow is {@link Statement.Unrecognised} with the reason: nothing is dropped.
 */
final class MysqlClassifier {

    /** Words that start a column attribute, ending the type. */
    private static final Set<String> COLUMN_ATTRIBUTES = Set.of("NOT", "NULL", "DEFAULT", "AUTO_INCREMENT", "UNIQUE", "PRIMARY",
            "KEY", "COMMENT", "COLLATE", "CHARACTER", "CHARSET", "ON", "GENERATED", "AS", "REFERENCES", "CHECK", "CONSTRAINT",
            "VISIBLE", "INVISIBLE", "SRID", "COLUMN_FORMAT", "STORAGE", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE",
            "FIRST", "AFTER", "VIRTUAL", "STORED", "PERSISTENT", "INVISIBLE_COLUMN", "WITH", "COMPRESSED");

    /** The statement's kind: its leading keywords, upper case ({@code ALTER TABLE}, {@code CREATE INDEX}, {@code INSERT}). */
    static String kind(MysqlTokens t) {
        List<Token> ts = t.tokens;
        if (ts.isEmpty()) {
            return "EMPTY";
        }
        String first = ts.get(0).kind() == Kind.WORD ? ts.get(0).upper() : ts.get(0).text();
        if (!(first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP"))) {
            if (first.equals("TRUNCATE")) {
                return "TRUNCATE TABLE";
            }
            if (first.equals("-") && ts.size() > 1 && ts.get(1).isSymbol("-")) {
                return "--";
            }
            if (first.equals("RENAME") || first.equals("LOCK") || first.equals("UNLOCK") || first.equals("OPTIMIZE")
                    || first.equals("ANALYZE") || first.equals("TRUNCATE") || first.equals("START") || first.equals("CHECK")
                    || first.equals("REPAIR")) {
                return ts.size() > 1 && ts.get(1).kind() == Kind.WORD ? first + " " + ts.get(1).upper() : first;
            }
            return first;
        }
        for (int i = 1; i < ts.size() && i < 24; i++) {
            Token tok = ts.get(i);
            if (tok.kind() != Kind.WORD) {
                continue;
            }
            String w = tok.upper();
            switch (w) {
                case "TABLE", "INDEX", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "DATABASE", "SCHEMA", "USER", "ROLE",
                     "SERVER", "TABLESPACE", "LOGFILE", "SEQUENCE", "SPATIAL", "FULLTEXT", "UNIQUE", "KEY" -> {
                    if (w.equals("SPATIAL") || w.equals("FULLTEXT") || w.equals("UNIQUE")) {
                        continue;
                    }
                    return first + " " + (w.equals("KEY") ? "INDEX" : w);
                }
                default -> {
                    // OR REPLACE, TEMPORARY, DEFINER = x, ALGORITHM = x, SQL SECURITY x, ONLINE/OFFLINE, IGNORE: keep looking
                }
            }
        }
        return first + (ts.size() > 1 && ts.get(1).kind() == Kind.WORD ? " " + ts.get(1).upper() : "");
    }

    Statement classify(MysqlTokens t, String kind) {
        switch (kind) {
            case "CREATE TABLE":
                return createTable(t);
            case "ALTER TABLE":
                return alterTable(t);
            case "CREATE INDEX":
                return createIndex(t);
            case "DROP INDEX":
                return dropIndex(t);
            case "DROP TABLE":
                return dropTable(t);
            case "RENAME TABLE":
                return renameTable(t);
            case "TRUNCATE TABLE", "TRUNCATE":
                t.accept("TRUNCATE");
                t.accept("TABLE");
                return new Statement.TruncateTable(names(t), false);
            case "INSERT", "REPLACE":
                return insert(t);
            case "UPDATE":
                return update(t);
            case "DELETE":
                return delete(t);
            case "SELECT", "WITH", "(", "TABLE", "VALUES":
                return new Statement.Select(tablesAfter(t, Set.of("FROM", "JOIN")));
            case "SET":
                return set(t);
            case "START TRANSACTION", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA":
                return new Statement.TransactionControl(t.sql.trim());
            case "USE":
                return new Statement.OtherKnown("USE", List.of());
            case "CREATE VIEW", "ALTER VIEW":
                return view(t, kind);
            case "DROP VIEW":
                return new Statement.DropView(namesAfter(t, "VIEW"), false, t.sql.toUpperCase().contains("IF EXISTS"), false);
            case "CREATE PROCEDURE", "CREATE FUNCTION":
                return routine(t, kind.endsWith("PROCEDURE"));
            case "DROP PROCEDURE", "DROP FUNCTION":
                return new Statement.DropFunction(namesAfter(t, kind.substring(5)), t.sql.toUpperCase().contains("IF EXISTS"));
            case "CREATE TRIGGER":
                return trigger(t);
            case "DROP TRIGGER":
                return new Statement.DropTrigger(lastName(namesAfter(t, "TRIGGER")), null, t.sql.toUpperCase().contains("IF EXISTS"));
            case "CREATE DATABASE", "CREATE SCHEMA":
                return new Statement.CreateSchema(lastName(namesAfter(t, kind.substring(7))), t.sql.toUpperCase().contains("IF NOT EXISTS"));
            case "OPTIMIZE TABLE", "OPTIMIZE", "ANALYZE TABLE", "CHECK TABLE", "REPAIR TABLE":
                t.next();
                t.accept("NO_WRITE_TO_BINLOG");
                t.accept("LOCAL");
                t.accept("TABLE");
                return new Statement.OtherKnown(kind.endsWith("TABLE") ? kind : kind + " TABLE", names(t));
            case "LOCK TABLES", "LOCK TABLE":
                return lockTables(t);
            case "UNLOCK TABLES", "UNLOCK TABLE":
                return new Statement.OtherKnown("UNLOCK TABLES", List.of());
            case "GRANT", "REVOKE":
                return new Statement.Grant(kind.equals("REVOKE"), List.of(), t.sql);
            case "DROP DATABASE", "DROP SCHEMA", "CREATE EVENT", "ALTER EVENT", "DROP EVENT", "CREATE USER", "ALTER USER", "DROP USER",
                 "CREATE ROLE", "DROP ROLE", "ALTER DATABASE", "ALTER SCHEMA", "FLUSH", "CALL", "DO", "PREPARE", "EXECUTE",
                 "DEALLOCATE", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "DECLARE", "HANDLER", "LOAD", "SOURCE", "CREATE SEQUENCE",
                 "DROP SEQUENCE", "ALTER SEQUENCE", "CREATE SERVER", "DROP SERVER", "CREATE TABLESPACE", "ALTER TABLESPACE",
                 "DROP TABLESPACE", "CHANGE", "RESET", "PURGE", "INSTALL", "UNINSTALL", "KILL", "SIGNAL", "RESIGNAL", "GET",
                 "ALTER PROCEDURE", "ALTER FUNCTION", "CREATE LOGFILE", "CACHE", "CHECKSUM", "HELP", "BINLOG", "SHUTDOWN", "CLONE",
                 "IMPORT", "RENAME USER", "ALTER INSTANCE", "ALTER SERVER":
                return new Statement.OtherKnown(kind, tablesAfter(t, Set.of("FROM", "INTO", "TABLE")));
            case "--":
                return new Statement.Unrecognised("it starts with `--` without a space after it, which MySQL does not read as a comment:"
                        + " the server fails on it, unless the migration runner drops such lines itself");
            default:
                return new Statement.Unrecognised("not a statement migration-review knows: " + kind);
        }
    }

    // ---- tables ----

    private Statement createTable(MysqlTokens t) {
        t.accept("CREATE");
        t.accept("OR", "REPLACE");
        boolean temporary = t.accept("TEMPORARY");
        if (!t.accept("TABLE")) {
            return new Statement.Unrecognised("CREATE TABLE expected");
        }
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        QualifiedName table = qualified(t.qualifiedName());
        if (table == null) {
            return new Statement.Unrecognised("CREATE TABLE without a table name");
        }
        if (t.accept("LIKE") || (t.peekSymbol("(") && t.peekIs(1, "LIKE"))) {
            t.acceptSymbol("(");
            t.accept("LIKE");
            QualifiedName source = qualified(t.qualifiedName());
            return new Statement.CreateTable(table, ifNotExists, temporary, false, List.of(), List.of(), null, null, null, false,
                    source == null ? List.of() : List.of(source));
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<ConstraintDefinition> constraints = new ArrayList<>();
        List<AlterTableAction.AddIndex> indexes = new ArrayList<>();
        String body = t.parenthesised();
        if (body != null) {
            for (String part : MysqlTokens.splitTopLevel(body)) {
                if (part.isEmpty()) {
                    continue;
                }
                MysqlTokens p = new MysqlTokens(part);
                Object def = tableElement(p);
                if (def instanceof ColumnDefinition c) {
                    columns.add(c);
                } else if (def instanceof ConstraintDefinition c) {
                    constraints.add(c);
                } else if (def instanceof AlterTableAction.AddIndex i) {
                    indexes.add(i);
                } else {
                    return new Statement.Unrecognised("CREATE TABLE element not understood: " + part);
                }
            }
        }
        List<AlterTableAction.TableOption> options = new ArrayList<>();
        boolean asSelect = false;
        List<QualifiedName> sources = new ArrayList<>();
        while (!t.atEnd()) {
            if (t.peekIs("AS") || t.peekIs("SELECT") || t.peekIs("IGNORE") || t.peekIs("REPLACE") || t.peekSymbol("(")) {
                asSelect = true;
                sources.addAll(tablesAfter(t, Set.of("FROM", "JOIN")));
                break;
            }
            if (t.peekIs("PARTITION")) {
                options.add(new AlterTableAction.TableOption("PARTITION BY", t.rest()));
                break;
            }
            AlterTableAction.TableOption option = tableOption(t);
            if (option == null) {
                t.next();
            } else {
                options.add(option);
            }
        }
        // a column without its own charset takes the table's when the table is created
        String charset = optionValue(options, "CHARACTER SET");
        String collation = optionValue(options, "COLLATE");
        if (charset != null || collation != null) {
            columns = columns.stream().map(c -> withCharset(c, charset, collation)).toList();
        }
        return new Statement.CreateTable(table, ifNotExists, temporary, false, columns, constraints, optionValue(options, "PARTITION BY"),
                null, null, asSelect, sources, indexes, options);
    }

    private static String optionValue(List<AlterTableAction.TableOption> options, String name) {
        return options.stream().filter(o -> o.option().equals(name)).map(AlterTableAction.TableOption::value).reduce((a, b) -> b).orElse(null);
    }

    private static ColumnDefinition withCharset(ColumnDefinition c, String charset, String collation) {
        if (!MysqlColumnTypes.isText(c.type()) || MysqlColumnTypes.charset(c.type()) != null || MysqlColumnTypes.collation(c.type()) != null) {
            return c;
        }
        String raw = c.type().raw() + (charset != null ? " CHARACTER SET " + charset : "") + (collation != null ? " COLLATE " + collation : "");
        return new ColumnDefinition(c.name(), new TypeName(c.type().name(), c.type().modifiers(), 0, raw), c.notNull(),
                c.defaultExpression(), c.identity(), c.generatedExpression(), c.serial(), c.constraints(), c.generatedVirtual());
    }

    /** A table option at the cursor ({@code ENGINE=InnoDB}, {@code DEFAULT CHARSET utf8mb4}), or null. */
    private AlterTableAction.TableOption tableOption(MysqlTokens t) {
        int start = t.pos;
        t.accept("DEFAULT");
        Token w = t.peek();
        if (w == null || w.kind() != Kind.WORD) {
            t.pos = start;
            return null;
        }
        String name = w.upper();
        t.next();
        if (name.equals("CHARACTER") && t.accept("SET")) {
            name = "CHARACTER SET";
        } else if (name.equals("CHARSET")) {
            name = "CHARACTER SET";
        } else if (name.equals("COLLATE") || name.equals("ENGINE") || name.equals("AUTO_INCREMENT") || name.equals("ROW_FORMAT")
                || name.equals("COMMENT") || name.equals("KEY_BLOCK_SIZE") || name.equals("AVG_ROW_LENGTH") || name.equals("MAX_ROWS")
                || name.equals("MIN_ROWS") || name.equals("PACK_KEYS") || name.equals("CHECKSUM") || name.equals("STATS_PERSISTENT")
                || name.equals("STATS_AUTO_RECALC") || name.equals("STATS_SAMPLE_PAGES") || name.equals("COMPRESSION")
                || name.equals("ENCRYPTION") || name.equals("DELAY_KEY_WRITE") || name.equals("INSERT_METHOD") || name.equals("TABLESPACE")
                || name.equals("DATA") || name.equals("INDEX") || name.equals("PAGE_CHECKSUM") || name.equals("TRANSACTIONAL")
                || name.equals("PAGE_COMPRESSED") || name.equals("PAGE_COMPRESSION_LEVEL") || name.equals("ENCRYPTION_KEY_ID")
                || name.equals("SECONDARY_ENGINE") || name.equals("ENGINE_ATTRIBUTE") || name.equals("AUTOEXTEND_SIZE")
                || name.equals("UNION") || name.equals("CONNECTION") || name.equals("PASSWORD") || name.equals("SEQUENCE")
                || name.equals("WITH")) {
            if ((name.equals("DATA") || name.equals("INDEX")) && t.accept("DIRECTORY")) {
                name = name + " DIRECTORY";
            }
            if (name.equals("WITH") && t.accept("SYSTEM", "VERSIONING")) {
                return new AlterTableAction.TableOption("WITH SYSTEM VERSIONING", "");
            }
        } else {
            t.pos = start;
            return null;
        }
        t.acceptSymbol("=");
        Token v = t.next();
        String value = v == null ? "" : v.kind() == Kind.QUOTED ? v.text() : v.text();
        if (v != null && v.isSymbol("(")) {
            t.pos--;
            value = t.parenthesised();
        }
        t.acceptSymbol(",");
        return new AlterTableAction.TableOption(name, unquote(value));
    }

    /** One element of a CREATE TABLE body: a column, a constraint, or an index. */
    private Object tableElement(MysqlTokens p) {
        Token first = p.peek();
        if (first == null) {
            return null;
        }
        if (first.kind() == Kind.WORD) {
            String w = first.upper();
            if (w.equals("CONSTRAINT") || w.equals("PRIMARY") || w.equals("FOREIGN") || w.equals("CHECK")
                    || ((w.equals("UNIQUE") || w.equals("INDEX") || w.equals("KEY") || w.equals("FULLTEXT") || w.equals("SPATIAL"))
                        && !(p.peek(1) != null && isTypeStart(p.peek(1))))) {
                return keyOrConstraint(p);
            }
            if (w.equals("PERIOD")) {
                return new ConstraintDefinition(null, ConstraintType.CHECK, List.of(), null, List.of(), p.sql, false, null, null);
            }
        }
        return column(p);
    }

    /** A word after INDEX/KEY/UNIQUE that is a column type means the element is a column named like a keyword. */
    private static boolean isTypeStart(Token t) {
        return t.kind() == Kind.WORD && MysqlColumnTypes.isTypeName(t.text());
    }

    /** {@code [CONSTRAINT [sym]] PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK ...}, {@code KEY|INDEX|FULLTEXT|SPATIAL ...}. */
    private Object keyOrConstraint(MysqlTokens p) {
        String symbol = null;
        if (p.accept("CONSTRAINT")) {
            if (!(p.peekIs("PRIMARY") || p.peekIs("UNIQUE") || p.peekIs("FOREIGN") || p.peekIs("CHECK"))) {
                symbol = p.name();
            }
        }
        if (p.accept("PRIMARY", "KEY")) {
            skipIndexType(p);
            List<String> cols = keyParts(p);
            return new ConstraintDefinition(symbol, ConstraintType.PRIMARY_KEY, cols, null, List.of(), null, false, null, null);
        }
        if (p.accept("FOREIGN", "KEY")) {
            String indexName = p.peekSymbol("(") ? null : p.name();
            List<String> cols = keyParts(p);
            QualifiedName ref = null;
            List<String> refCols = List.of();
            String onDelete = null;
            if (p.accept("REFERENCES")) {
                ref = qualified(p.qualifiedName());
                refCols = keyParts(p);
                while (!p.atEnd()) {
                    if (p.accept("ON", "DELETE")) {
                        onDelete = referentialAction(p);
                    } else if (p.accept("ON", "UPDATE")) {
                        referentialAction(p);
                    } else {
                        p.next();
                    }
                }
            }
            return new ConstraintDefinition(symbol != null ? symbol : indexName, ConstraintType.FOREIGN_KEY, cols, ref, refCols, null,
                    false, null, onDelete);
        }
        if (p.accept("CHECK")) {
            String expr = p.parenthesised();
            boolean notEnforced = p.accept("NOT", "ENFORCED");
            return new ConstraintDefinition(symbol, ConstraintType.CHECK, List.of(), null, List.of(), expr, notEnforced, null, null);
        }
        boolean unique = p.accept("UNIQUE");
        String method = null;
        if (p.accept("FULLTEXT")) {
            method = "fulltext";
        } else if (p.accept("SPATIAL")) {
            method = "spatial";
        }
        if (!p.accept("INDEX")) {
            p.accept("KEY");
        }
        String name = p.peekSymbol("(") || p.peekIs("USING") ? null : lower(p.name());
        if (name == null && symbol != null) {
            name = symbol;
        }
        String using = skipIndexType(p);
        if (method == null) {
            method = using;
        }
        List<String> cols = keyParts(p);
        String after = skipIndexType(p);
        return new AlterTableAction.AddIndex(name, unique, method == null ? after : method, cols);
    }

    private static String referentialAction(MysqlTokens p) {
        if (p.accept("SET", "NULL")) {
            return "SET NULL";
        }
        if (p.accept("SET", "DEFAULT")) {
            return "SET DEFAULT";
        }
        if (p.accept("NO", "ACTION")) {
            return "NO ACTION";
        }
        Token t = p.next();
        return t == null ? null : t.upper();
    }

    /** {@code USING BTREE|HASH}, or null. */
    private static String skipIndexType(MysqlTokens p) {
        if (p.accept("USING")) {
            Token t = p.next();
            return t == null ? null : AsciiCase.lower(t.text());
        }
        return null;
    }

    /** The key parts of {@code (a, b(10), (expr) DESC)} as written, without ASC/DESC, backquotes removed from names. */
    private static List<String> keyParts(MysqlTokens p) {
        String body = p.parenthesised();
        if (body == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : MysqlTokens.splitTopLevel(body)) {
            MysqlTokens k = new MysqlTokens(part);
            if (k.peek() != null && k.peek().isName() && (k.peek(1) == null || k.peek(1).isSymbol("(") || k.peek(1).is("ASC") || k.peek(1).is("DESC"))) {
                String name = lower(k.name());
                String prefix = k.peekSymbol("(") ? "(" + k.parenthesised() + ")" : "";
                out.add(name + prefix);
            } else {
                out.add(part.replaceAll("(?i)\\s+(ASC|DESC)$", ""));
            }
        }
        return out;
    }

    /** {@code name type [attributes]}. */
    private ColumnDefinition column(MysqlTokens p) {
        String name = lower(p.name());
        if (name == null) {
            return null;
        }
        return columnAfterName(name, p);
    }

    /** The type and attributes of a column whose name was read. Stops at FIRST/AFTER (the caller reads the position). */
    ColumnDefinition columnAfterName(String name, MysqlTokens p) {
        TypeName type = type(p);
        if (type == null) {
            return null;
        }
        boolean notNull = false;
        String defaultExpression = null;
        String identity = null;
        String generated = null;
        boolean virtual = false;
        String charset = null;
        String collation = null;
        List<ConstraintDefinition> constraints = new ArrayList<>();
        while (!p.atEnd()) {
            if (p.peekIs("FIRST") || p.peekIs("AFTER") || p.peekSymbol(",")) {
                break;
            }
            if (p.accept("NOT", "NULL")) {
                notNull = true;
            } else if (p.accept("NULL")) {
                notNull = false;
            } else if (p.accept("DEFAULT")) {
                defaultExpression = expression(p);
            } else if (p.accept("AUTO_INCREMENT")) {
                identity = "AUTO_INCREMENT";
            } else if (p.accept("PRIMARY", "KEY") || p.accept("KEY")) {
                constraints.add(new ConstraintDefinition(null, ConstraintType.PRIMARY_KEY, List.of(name), null, List.of(), null, false, null, null));
                notNull = true;
            } else if (p.accept("UNIQUE")) {
                p.accept("KEY");
                constraints.add(new ConstraintDefinition(null, ConstraintType.UNIQUE, List.of(name), null, List.of(), null, false, null, null));
            } else if (p.accept("COMMENT")) {
                p.next();
            } else if (p.accept("CHARACTER", "SET") || p.accept("CHARSET")) {
                Token v = p.next();
                charset = v == null ? null : unquote(v.text());
            } else if (p.accept("COLLATE")) {
                Token v = p.next();
                collation = v == null ? null : unquote(v.text());
            } else if (p.accept("ON", "UPDATE")) {
                expression(p);
            } else if (p.accept("GENERATED", "ALWAYS", "AS") || p.accept("AS")) {
                generated = p.parenthesised();
                virtual = true;
                if (p.accept("STORED") || p.accept("PERSISTENT")) {
                    virtual = false;
                } else {
                    p.accept("VIRTUAL");
                }
            } else if (p.accept("REFERENCES")) {
                QualifiedName ref = qualified(p.qualifiedName());
                List<String> refCols = keyParts(p);
                String onDelete = null;
                while (p.peekIs("ON") || p.peekIs("MATCH")) {
                    if (p.accept("ON", "DELETE")) {
                        onDelete = referentialAction(p);
                    } else if (p.accept("ON", "UPDATE")) {
                        referentialAction(p);
                    } else {
                        p.next();
                        p.next();
                    }
                }
                constraints.add(new ConstraintDefinition(null, ConstraintType.FOREIGN_KEY, List.of(name), ref, refCols, null, false, null,
                        onDelete));
            } else if (p.accept("CONSTRAINT")) {
                if (!p.peekIs("CHECK")) {
                    p.name();
                }
            } else if (p.accept("CHECK")) {
                String expr = p.parenthesised();
                constraints.add(new ConstraintDefinition(null, ConstraintType.CHECK, List.of(name), null, List.of(), expr, false, null, null));
            } else if (p.accept("SERIAL", "DEFAULT", "VALUE")) {
                identity = "AUTO_INCREMENT";
                notNull = true;
            } else {
                // VISIBLE, INVISIBLE, SRID n, COLUMN_FORMAT x, STORAGE x, ENFORCED, ...: no effect the model reads
                p.next();
            }
        }
        if (charset != null || collation != null) {
            String raw = type.raw() + (charset != null ? " CHARACTER SET " + charset : "") + (collation != null ? " COLLATE " + collation : "");
            type = new TypeName(type.name(), type.modifiers(), 0, raw);
        }
        return new ColumnDefinition(name, type, notNull, defaultExpression, identity, generated, false, constraints, virtual);
    }

    /** A DEFAULT value: a literal, a parenthesised expression, or a function call such as {@code CURRENT_TIMESTAMP(6)}. */
    private static String expression(MysqlTokens p) {
        Token t = p.peek();
        if (t == null) {
            return null;
        }
        if (t.isSymbol("(")) {
            return "(" + p.parenthesised() + ")";
        }
        p.next();
        StringBuilder sb = new StringBuilder(t.text());
        if ((t.isSymbol("-") || t.isSymbol("+")) && p.peek() != null) {
            sb.append(p.next().text());
        } else if (t.kind() == Kind.WORD && p.peekSymbol("(")) {
            sb.append('(').append(p.parenthesised()).append(')');
        } else if (t.kind() == Kind.WORD && (t.is("b") || t.is("x") || t.is("_utf8mb4") || t.is("_utf8") || t.is("_binary")
                || t.is("_latin1")) && p.peek() != null && p.peek().kind() == Kind.STRING) {
            sb.append(p.next().text());
        }
        return sb.toString();
    }

    /** A column type: its name lower case, numeric modifiers, and its text as written (ENUM values, UNSIGNED). */
    private static TypeName type(MysqlTokens p) {
        Token t = p.peek();
        if (t == null || t.kind() != Kind.WORD) {
            return null;
        }
        p.next();
        String name = AsciiCase.lower(t.text());
        StringBuilder raw = new StringBuilder(name);
        // two-word types
        if ((name.equals("double") && p.accept("PRECISION")) || (name.equals("long") && (p.peekIs("VARCHAR") || p.peekIs("VARBINARY")))) {
            if (name.equals("long")) {
                name = "long " + AsciiCase.lower(p.next().text());
            }
            raw = new StringBuilder(name);
        } else if ((name.equals("national") || name.equals("nchar")) && p.peek() != null && p.peek().kind() == Kind.WORD
                && (p.peekIs("CHAR") || p.peekIs("VARCHAR") || p.peekIs("VARYING") || p.peekIs("CHARACTER"))) {
            name = "varchar";
            p.next();
            p.accept("VARYING");
            raw = new StringBuilder(name);
        } else if ((name.equals("char") || name.equals("character")) && p.accept("VARYING")) {
            name = "varchar";
            raw = new StringBuilder(name);
        }
        List<Integer> modifiers = new ArrayList<>();
        if (p.peekSymbol("(")) {
            String args = p.parenthesised();
            raw.append('(').append(args).append(')');
            for (String a : MysqlTokens.splitTopLevel(args)) {
                try {
                    modifiers.add(Integer.parseInt(a.trim()));
                } catch (NumberFormatException e) {
                    // ENUM and SET values stay in the raw text
                }
            }
        }
        while (p.peekIs("UNSIGNED") || p.peekIs("SIGNED") || p.peekIs("ZEROFILL") || p.peekIs("BINARY") || p.peekIs("ASCII")
                || p.peekIs("UNICODE") || p.peekIs("BYTE")) {
            raw.append(' ').append(AsciiCase.lower(p.next().text()));
        }
        if (name.equals("integer")) {
            name = "int";
        } else if (name.equals("bool") || name.equals("boolean")) {
            name = "tinyint";
            modifiers = List.of(1);
        } else if (name.equals("character")) {
            name = "char";
        } else if (name.equals("dec") || name.equals("numeric") || name.equals("fixed")) {
            name = "decimal";
        } else if (name.equals("serial")) {
            name = "bigint";
        }
        return new TypeName(name, modifiers, 0, raw.toString());
    }

    // ---- ALTER TABLE ----

    private Statement alterTable(MysqlTokens t) {
        t.accept("ALTER");
        t.accept("ONLINE");
        t.accept("OFFLINE");
        t.accept("IGNORE");
        if (!t.accept("TABLE")) {
            return new Statement.Unrecognised("ALTER TABLE expected");
        }
        boolean ifExists = t.accept("IF", "EXISTS");
        QualifiedName table = qualified(t.qualifiedName());
        if (table == null) {
            return new Statement.Unrecognised("ALTER TABLE without a table name");
        }
        List<AlterTableAction> actions = new ArrayList<>();
        while (!t.atEnd()) {
            if (t.acceptSymbol(",")) {
                continue;
            }
            int before = t.pos;
            AlterTableAction action = alterAction(t, table);
            if (action == null) {
                t.pos = before;
                String text = t.untilTopLevelComma();
                actions.add(new AlterTableAction.Other(text));
            } else {
                actions.add(action);
                if (!t.atEnd() && !t.peekSymbol(",")) {
                    // the rest of this action is detail the model does not read (a partition definition, a comment)
                    String rest = t.untilTopLevelComma();
                    if (!rest.isEmpty() && action instanceof AlterTableAction.Other o) {
                        actions.set(actions.size() - 1, new AlterTableAction.Other(o.text() + " " + rest));
                    }
                }
            }
        }
        if (actions.isEmpty()) {
            return new Statement.Unrecognised("ALTER TABLE without any change");
        }
        return new Statement.AlterTable(table, ifExists, false, actions);
    }

    private AlterTableAction alterAction(MysqlTokens t, QualifiedName table) {
        if (t.accept("ADD")) {
            if (t.peekIs("CONSTRAINT") || t.peekIs("PRIMARY") || t.peekIs("UNIQUE") || t.peekIs("FOREIGN") || t.peekIs("CHECK")
                    || t.peekIs("INDEX") || t.peekIs("KEY") || t.peekIs("FULLTEXT") || t.peekIs("SPATIAL")) {
                MysqlTokens part = new MysqlTokens(t.untilTopLevelComma());
                part.accept("IF", "NOT", "EXISTS");
                Object def = keyOrConstraintIfNotExists(part);
                if (def instanceof ConstraintDefinition c) {
                    return new AlterTableAction.AddConstraint(c);
                }
                if (def instanceof AlterTableAction.AddIndex i) {
                    return i;
                }
                return null;
            }
            if (t.peekIs("PARTITION")) {
                return new AlterTableAction.Other("ADD " + t.untilTopLevelComma());
            }
            t.accept("COLUMN");
            boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
            if (t.peekSymbol("(")) {
                // ADD (a int, b int): several columns, each at the end
                String body = t.parenthesised();
                List<String> parts = MysqlTokens.splitTopLevel(body);
                if (parts.size() == 1) {
                    ColumnDefinition c = column(new MysqlTokens(parts.get(0)));
                    return c == null ? null : new AlterTableAction.AddColumn(c, ifNotExists, null);
                }
                return new AlterTableAction.Other("ADD (" + body + ")");
            }
            String name = lower(t.name());
            if (name == null) {
                return null;
            }
            ColumnDefinition c = columnAfterName(name, t);
            return c == null ? null : new AlterTableAction.AddColumn(c, ifNotExists, position(t));
        }
        if (t.accept("DROP")) {
            if (t.accept("PRIMARY", "KEY")) {
                return new AlterTableAction.DropConstraint("PRIMARY", false, false);
            }
            if (t.accept("FOREIGN", "KEY")) {
                boolean ifExists = t.accept("IF", "EXISTS");
                String name = t.name();
                return name == null ? null : new AlterTableAction.DropConstraint(name, ifExists, false);
            }
            if (t.accept("INDEX") || t.accept("KEY")) {
                t.accept("IF", "EXISTS");
                String name = lower(t.name());
                return name == null ? null : new AlterTableAction.DropIndex(name);
            }
            if (t.accept("CHECK") || t.accept("CONSTRAINT")) {
                boolean ifExists = t.accept("IF", "EXISTS");
                String name = t.name();
                return name == null ? null : new AlterTableAction.DropConstraint(name, ifExists, false);
            }
            if (t.peekIs("PARTITION")) {
                return new AlterTableAction.Other("DROP " + t.untilTopLevelComma());
            }
            t.accept("COLUMN");
            boolean ifExists = t.accept("IF", "EXISTS");
            String name = lower(t.name());
            t.accept("RESTRICT");
            t.accept("CASCADE");
            return name == null ? null : new AlterTableAction.DropColumn(name, ifExists, false);
        }
        if (t.accept("MODIFY")) {
            t.accept("COLUMN");
            t.accept("IF", "EXISTS");
            String name = lower(t.name());
            ColumnDefinition c = name == null ? null : columnAfterName(name, t);
            return c == null ? null : new AlterTableAction.ChangeColumn(name, c, position(t), true);
        }
        if (t.accept("CHANGE")) {
            t.accept("COLUMN");
            t.accept("IF", "EXISTS");
            String from = lower(t.name());
            String to = lower(t.name());
            ColumnDefinition c = to == null ? null : columnAfterName(to, t);
            return c == null ? null : new AlterTableAction.ChangeColumn(from, c, position(t), false);
        }
        if (t.accept("ALTER")) {
            if (t.accept("INDEX") || t.accept("KEY")) {
                String name = t.name();
                return new AlterTableAction.Other("ALTER INDEX " + name + " " + t.untilTopLevelComma());
            }
            if (t.accept("CHECK") || t.accept("CONSTRAINT")) {
                return new AlterTableAction.Other("ALTER CONSTRAINT " + t.untilTopLevelComma());
            }
            t.accept("COLUMN");
            String column = lower(t.name());
            if (column == null) {
                return null;
            }
            if (t.accept("SET", "DEFAULT")) {
                return new AlterTableAction.SetDefault(column, expression(t));
            }
            if (t.accept("DROP", "DEFAULT")) {
                return new AlterTableAction.DropDefault(column);
            }
            return new AlterTableAction.Other("ALTER COLUMN " + column + " " + t.untilTopLevelComma());
        }
        if (t.accept("RENAME")) {
            if (t.accept("COLUMN")) {
                String from = lower(t.name());
                t.accept("TO");
                String to = lower(t.name());
                return from == null || to == null ? null : new AlterTableAction.RenameColumn(from, to);
            }
            if (t.accept("INDEX") || t.accept("KEY")) {
                String from = lower(t.name());
                t.accept("TO");
                String to = lower(t.name());
                return from == null || to == null ? null : new AlterTableAction.RenameIndex(from, to);
            }
            if (!t.accept("TO")) {
                t.accept("AS");
            }
            String[] to = t.qualifiedName();
            return to == null ? null : new AlterTableAction.RenameTable(to[1]);
        }
        if (t.accept("CONVERT", "TO")) {
            if (!t.accept("CHARACTER", "SET")) {
                t.accept("CHARSET");
            }
            Token cs = t.next();
            String collation = null;
            if (t.accept("COLLATE")) {
                Token c = t.next();
                collation = c == null ? null : unquote(c.text());
            }
            return new AlterTableAction.ConvertCharset(cs == null ? null : unquote(cs.text()), collation);
        }
        if (t.peekIs("ALGORITHM") || t.peekIs("LOCK")) {
            String option = t.next().upper();
            t.acceptSymbol("=");
            Token v = t.next();
            return new AlterTableAction.OnlineDdlClause(option, v == null ? "" : v.upper());
        }
        if (t.accept("FORCE")) {
            return new AlterTableAction.Other("FORCE");
        }
        if (t.accept("DISABLE", "KEYS") || t.accept("ENABLE", "KEYS")) {
            return new AlterTableAction.Other("KEYS");
        }
        if (t.peekIs("ORDER") || t.peekIs("PARTITION") || t.peekIs("REMOVE") || t.peekIs("COALESCE") || t.peekIs("REORGANIZE")
                || t.peekIs("TRUNCATE") || t.peekIs("EXCHANGE") || t.peekIs("ANALYZE") || t.peekIs("CHECK") || t.peekIs("OPTIMIZE")
                || t.peekIs("REBUILD") || t.peekIs("REPAIR") || t.peekIs("DISCARD") || t.peekIs("IMPORT") || t.peekIs("UPGRADE")
                || t.peekIs("WITH") || t.peekIs("WITHOUT")) {
            return new AlterTableAction.Other(t.untilTopLevelComma());
        }
        return tableOption(t);
    }

    private Object keyOrConstraintIfNotExists(MysqlTokens part) {
        return keyOrConstraint(part);
    }

    /** {@code FIRST} or {@code AFTER col}, or null. */
    private static String position(MysqlTokens t) {
        if (t.accept("FIRST")) {
            return "FIRST";
        }
        if (t.accept("AFTER")) {
            return "AFTER " + t.name();
        }
        return null;
    }

    // ---- indexes ----

    private Statement createIndex(MysqlTokens t) {
        t.accept("CREATE");
        t.accept("OR", "REPLACE");
        t.accept("ONLINE");
        t.accept("OFFLINE");
        boolean unique = t.accept("UNIQUE");
        String method = t.accept("FULLTEXT") ? "fulltext" : t.accept("SPATIAL") ? "spatial" : null;
        if (!t.accept("INDEX")) {
            return new Statement.Unrecognised("CREATE INDEX expected");
        }
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        String name = lower(t.name());
        String using = skipIndexType(t);
        if (!t.accept("ON")) {
            return new Statement.Unrecognised("CREATE INDEX without ON <table>");
        }
        QualifiedName table = qualified(t.qualifiedName());
        if (table == null) {
            return new Statement.Unrecognised("CREATE INDEX without a table name after ON");
        }
        List<String> cols = keyParts(t);
        String after = skipIndexType(t);
        String m = method != null ? method : using != null ? using : after != null ? after : "btree";
        return new Statement.CreateIndex(name == null ? null : QualifiedName.of(name), table, unique, false, ifNotExists, false, cols, null,
                m, List.of());
    }

    /** {@code DROP INDEX name ON table}: MySQL runs it as {@code ALTER TABLE table DROP INDEX name}. */
    private Statement dropIndex(MysqlTokens t) {
        t.accept("DROP");
        t.accept("ONLINE");
        t.accept("OFFLINE");
        t.accept("INDEX");
        t.accept("IF", "EXISTS");
        String name = lower(t.name());
        if (name == null || !t.accept("ON")) {
            return new Statement.Unrecognised("DROP INDEX without ON <table>");
        }
        QualifiedName table = qualified(t.qualifiedName());
        List<AlterTableAction> actions = new ArrayList<>();
        actions.add(name.equalsIgnoreCase("PRIMARY") ? new AlterTableAction.DropConstraint("PRIMARY", false, false)
                : new AlterTableAction.DropIndex(name));
        while (!t.atEnd()) {
            if (t.peekIs("ALGORITHM") || t.peekIs("LOCK")) {
                String option = t.next().upper();
                t.acceptSymbol("=");
                Token v = t.next();
                actions.add(new AlterTableAction.OnlineDdlClause(option, v == null ? "" : v.upper()));
            } else {
                t.next();
            }
        }
        return new Statement.AlterTable(table, false, false, actions);
    }

    private Statement dropTable(MysqlTokens t) {
        t.accept("DROP");
        boolean temporary = t.accept("TEMPORARY");
        t.accept("TABLE");
        boolean ifExists = t.accept("IF", "EXISTS");
        List<QualifiedName> tables = names(t);
        if (tables.isEmpty()) {
            return new Statement.Unrecognised("DROP TABLE without a table name");
        }
        boolean cascade = t.accept("CASCADE");
        return temporary ? new Statement.OtherKnown("DROP TEMPORARY TABLE", tables) : new Statement.DropTable(tables, ifExists, cascade);
    }

    /** {@code RENAME TABLE a TO b [, c TO d]}: one statement, atomic; the first pair is the statement's. */
    private Statement renameTable(MysqlTokens t) {
        t.accept("RENAME");
        t.accept("TABLE");
        t.accept("TABLES");
        List<QualifiedName[]> pairs = new ArrayList<>();
        while (!t.atEnd()) {
            QualifiedName from = qualified(t.qualifiedName());
            if (from == null || !t.accept("TO")) {
                return new Statement.Unrecognised("RENAME TABLE a TO b expected");
            }
            QualifiedName to = qualified(t.qualifiedName());
            pairs.add(new QualifiedName[] {from, to});
            if (!t.acceptSymbol(",")) {
                break;
            }
        }
        if (pairs.isEmpty() || pairs.get(0)[1] == null) {
            return new Statement.Unrecognised("RENAME TABLE a TO b expected");
        }
        if (pairs.size() == 1) {
            return new Statement.RenameTable(pairs.get(0)[0], pairs.get(0)[1]);
        }
        List<QualifiedName> all = new ArrayList<>();
        pairs.forEach(p -> {
            all.add(p[0]);
            all.add(p[1]);
        });
        // a swap (a TO old, new TO a) in one statement: said as such, the replay applies the pairs in order
        return new Statement.OtherKnown("RENAME TABLES", all);
    }

    // ---- data ----

    private Statement insert(MysqlTokens t) {
        t.next();
        while (t.peekIs("LOW_PRIORITY") || t.peekIs("DELAYED") || t.peekIs("HIGH_PRIORITY") || t.peekIs("IGNORE")) {
            t.next();
        }
        t.accept("INTO");
        QualifiedName table = qualified(t.qualifiedName());
        if (table == null) {
            return new Statement.Unrecognised("INSERT without a table");
        }
        List<QualifiedName> sources = tablesAfter(t, Set.of("FROM", "JOIN"));
        boolean fromSelect = t.sql.toUpperCase().matches("(?s).*\\bSELECT\\b.*");
        return new Statement.Insert(table, fromSelect, sources);
    }

    private Statement update(MysqlTokens t) {
        t.accept("UPDATE");
        t.accept("LOW_PRIORITY");
        t.accept("IGNORE");
        QualifiedName table = qualified(t.qualifiedName());
        if (table == null) {
            return new Statement.Unrecognised("UPDATE without a table");
        }
        boolean where = hasTopLevel(t, "WHERE");
        List<QualifiedName> sources = tablesAfter(t, Set.of("JOIN", "FROM"));
        return new Statement.Update(table, where, sources);
    }

    private Statement delete(MysqlTokens t) {
        t.accept("DELETE");
        while (t.peekIs("LOW_PRIORITY") || t.peekIs("QUICK") || t.peekIs("IGNORE")) {
            t.next();
        }
        QualifiedName table;
        if (t.accept("FROM")) {
            table = qualified(t.qualifiedName());
        } else {
            // DELETE t1 FROM t1 JOIN t2 ...
            table = qualified(t.qualifiedName());
        }
        if (table == null) {
            return new Statement.Unrecognised("DELETE without a table");
        }
        boolean where = hasTopLevel(t, "WHERE");
        return new Statement.Delete(table, where, tablesAfter(t, Set.of("JOIN", "FROM", "USING")));
    }

    private static boolean hasTopLevel(MysqlTokens t, String keyword) {
        int depth = 0;
        for (int i = t.pos; i < t.tokens.size(); i++) {
            Token tok = t.tokens.get(i);
            if (tok.isSymbol("(")) {
                depth++;
            } else if (tok.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && tok.is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code SET [SESSION|GLOBAL|LOCAL] name = value [, ...]}, {@code SET @@session.name = value}, {@code SET NAMES x}: the
     * first assignment's name without its scope, lower case. A global setting does not change this session.
     */
    private Statement set(MysqlTokens t) {
        t.accept("SET");
        if (t.peekIs("NAMES") || t.peekIs("CHARACTER") || t.peekIs("CHARSET")) {
            return new Statement.SetParameter(AsciiCase.lower(t.next().text()), t.rest(), false);
        }
        if (t.accept("TRANSACTION") || ((t.peekIs("SESSION") || t.peekIs("GLOBAL")) && t.peekIs(1, "TRANSACTION"))) {
            return new Statement.TransactionControl(t.sql.trim());
        }
        if (t.accept("GLOBAL") || t.accept("PERSIST") || t.accept("PERSIST_ONLY")) {
            return new Statement.OtherKnown("SET GLOBAL", List.of());
        }
        t.accept("SESSION");
        t.accept("LOCAL");
        Token name = t.next();
        if (name == null) {
            return new Statement.Unrecognised("SET without a name");
        }
        String n = name.text();
        if (name.kind() == Kind.VARIABLE) {
            String lower = AsciiCase.lower(n);
            if (lower.startsWith("@@global.") || lower.startsWith("@@persist")) {
                return new Statement.OtherKnown("SET GLOBAL", List.of());
            }
            if (!lower.startsWith("@@")) {
                // a user variable (@x): the session's own state, no server setting
                return new Statement.SetParameter(n, valueAfterEquals(t), false);
            }
            n = lower.replaceFirst("^@@(session\\.|local\\.)?", "");
        }
        while (t.peekSymbol(".") && t.peek(1) != null) {
            t.next();
            n = t.next().text();
        }
        return new Statement.SetParameter(AsciiCase.lower(n), valueAfterEquals(t), false);
    }

    private static String valueAfterEquals(MysqlTokens t) {
        if (!t.acceptSymbol("=")) {
            t.acceptSymbol(":=");
        }
        String value = t.untilTopLevelComma();
        return value.isEmpty() ? null : value;
    }

    private Statement view(MysqlTokens t, String kind) {
        while (!t.atEnd() && !t.peekIs("VIEW")) {
            t.next();
        }
        t.accept("VIEW");
        t.accept("IF", "NOT", "EXISTS");
        QualifiedName view = qualified(t.qualifiedName());
        if (view == null) {
            return new Statement.Unrecognised(kind + " without a name");
        }
        List<QualifiedName> tables = tablesAfter(t, Set.of("FROM", "JOIN"));
        if (kind.startsWith("ALTER")) {
            return new Statement.AlterView(view, false, "AS", null);
        }
        return new Statement.CreateView(view, t.sql.toUpperCase().contains("OR REPLACE"), false, true, t.rest(), tables);
    }

    private Statement routine(MysqlTokens t, boolean procedure) {
        String word = procedure ? "PROCEDURE" : "FUNCTION";
        while (!t.atEnd() && !t.peekIs(word)) {
            t.next();
        }
        t.accept(word);
        t.accept("IF", "NOT", "EXISTS");
        QualifiedName name = qualified(t.qualifiedName());
        if (name == null) {
            return new Statement.Unrecognised("CREATE " + word + " without a name");
        }
        return new Statement.CreateFunction(name, t.sql.toUpperCase().contains("OR REPLACE"), procedure, null);
    }

    private Statement trigger(MysqlTokens t) {
        while (!t.atEnd() && !t.peekIs("TRIGGER")) {
            t.next();
        }
        t.accept("TRIGGER");
        t.accept("IF", "NOT", "EXISTS");
        String[] name = t.qualifiedName();
        Token timing = t.next();
        Token event = t.next();
        if (name == null || !t.accept("ON")) {
            return new Statement.Unrecognised("CREATE TRIGGER without ON <table>");
        }
        QualifiedName table = qualified(t.qualifiedName());
        return new Statement.CreateTrigger(name[1], table, false, timing == null ? null : timing.upper(), event == null ? null : event.upper());
    }

    private Statement lockTables(MysqlTokens t) {
        t.next();
        t.next();
        List<QualifiedName> tables = new ArrayList<>();
        boolean write = false;
        while (!t.atEnd()) {
            QualifiedName q = qualified(t.qualifiedName());
            if (q != null) {
                tables.add(q);
            }
            while (!t.atEnd() && !t.peekSymbol(",")) {
                Token w = t.next();
                if (w.is("WRITE")) {
                    write = true;
                }
            }
            t.acceptSymbol(",");
        }
        return new Statement.LockTable(tables, write ? "WRITE" : "READ", false);
    }

    // ---- names ----

    /** Comma-separated table names at the cursor. */
    private static List<QualifiedName> names(MysqlTokens t) {
        List<QualifiedName> out = new ArrayList<>();
        while (!t.atEnd()) {
            QualifiedName q = qualified(t.qualifiedName());
            if (q == null) {
                break;
            }
            out.add(q);
            if (!t.acceptSymbol(",")) {
                break;
            }
        }
        return out;
    }

    private static List<QualifiedName> namesAfter(MysqlTokens t, String keyword) {
        while (!t.atEnd() && !t.peekIs(keyword)) {
            t.next();
        }
        t.accept(keyword);
        t.accept("IF", "EXISTS");
        return names(t);
    }

    private static String lastName(List<QualifiedName> names) {
        return names.isEmpty() ? null : names.get(names.size() - 1).name();
    }

    /** The table named after each of the keywords, from the cursor to the end (subqueries included). */
    private static List<QualifiedName> tablesAfter(MysqlTokens t, Set<String> keywords) {
        List<QualifiedName> out = new ArrayList<>();
        for (int i = t.pos; i < t.tokens.size() - 1; i++) {
            Token tok = t.tokens.get(i);
            if (tok.kind() == Kind.WORD && keywords.contains(tok.upper())) {
                Token next = t.tokens.get(i + 1);
                if (next.isName() && !(next.kind() == Kind.WORD && next.is("SELECT")) && !next.is("DUAL")) {
                    int save = t.pos;
                    t.pos = i + 1;
                    QualifiedName q = qualified(t.qualifiedName());
                    t.pos = save;
                    if (q != null && !out.contains(q)) {
                        out.add(q);
                    }
                }
            }
        }
        return out;
    }

    /** Column and index names compare without case in MySQL; the model keeps them lower case. */
    private static String lower(String name) {
        return name == null ? null : AsciiCase.lower(name);
    }

    static QualifiedName qualified(String[] parts) {
        if (parts == null || parts[1] == null || parts[1].isEmpty()) {
            return null;
        }
        return new QualifiedName(parts[0], parts[1]);
    }

    static String unquote(String text) {
        if (text != null && text.length() >= 2 && (text.startsWith("'") || text.startsWith("\"") || text.startsWith("`"))
                && text.endsWith(text.substring(0, 1))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
