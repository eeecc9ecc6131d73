package dev.migrationreview.postgres.sql;

import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.TokenCursor.NotUnderstood;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the statement IR from tokens, following PostgreSQL's own grammar for the statements whose
 * details drive lock and rewrite decisions (CREATE/ALTER TABLE, CREATE/DROP INDEX, enum types) and
 * naming the object and tables of everything else. Returns null when the tokens are not a form it knows.
 */
final class PostgresDdlClassifier {

    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of(
            "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED",
            "COLLATE", "COMPRESSION", "STORAGE", "DEFERRABLE", "INITIALLY");

    private static final Set<String> DEFAULT_END = Set.of(
            "CONSTRAINT", "NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE");

    private static final Set<String> TABLE_CONSTRAINT_START = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

    /** Object kinds that {@code CREATE/ALTER/DROP} take as two words. */
    private static final Set<String> TWO_WORD_OBJECTS = Set.of(
            "MATERIALIZED VIEW", "FOREIGN TABLE", "EVENT TRIGGER", "DEFAULT PRIVILEGES", "ACCESS METHOD",
            "TEXT SEARCH", "FOREIGN DATA", "USER MAPPING", "OPERATOR CLASS", "OPERATOR FAMILY", "LARGE OBJECT");

    /** Object kinds whose CREATE/ALTER/DROP changes the catalogue only (no table rewrite, no long table lock). */
    private static final Set<String> CATALOG_OBJECTS = Set.of(
            "DOMAIN", "ROLE", "USER", "GROUP", "POLICY", "PUBLICATION", "SUBSCRIPTION", "AGGREGATE", "CAST", "COLLATION",
            "CONVERSION", "OPERATOR", "RULE", "EVENT", "FOREIGN", "SERVER", "TEXT", "STATISTICS", "LANGUAGE", "TABLESPACE",
            "ACCESS", "DATABASE", "TRANSFORM", "FUNCTION", "PROCEDURE", "ROUTINE", "EXTENSION", "SCHEMA", "DEFAULT", "TRIGGER",
            "LARGE", "SYSTEM", "OWNED");

    Statement classify(String sql, List<SqlToken> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        TokenCursor c = new TokenCursor(sql, tokens);
        try {
            return statement(c);
        } catch (NotUnderstood | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The statement's leading keywords: the verb and, for DDL, the object kind without modifiers. */
    static String kind(List<SqlToken> tokens) {
        if (tokens.isEmpty()) {
            return "";
        }
        TokenCursor c = new TokenCursor("", tokens);
        SqlToken first = c.next();
        if (first.type() != SqlToken.Type.WORD) {
            return first.text().startsWith("\\") ? "META" : first.text();
        }
        String verb = first.upper();
        switch (verb) {
            case "CREATE":
            case "ALTER":
            case "DROP": {
                c.accept("OR", "REPLACE");
                while (c.accept("UNIQUE") || c.accept("TEMP") || c.accept("TEMPORARY") || c.accept("UNLOGGED")
                        || c.accept("GLOBAL") || c.accept("LOCAL") || c.accept("TRUSTED") || c.accept("PROCEDURAL")
                        || c.accept("RECURSIVE") || c.accept("CONSTRAINT") || (verb.equals("CREATE") && c.at("DEFAULT", "CONVERSION") && c.accept("DEFAULT"))) {
                    // modifiers are not part of the kind
                }
                SqlToken obj = c.peek();
                if (obj == null || obj.type() != SqlToken.Type.WORD) {
                    return verb;
                }
                SqlToken second = c.peek(1);
                if (second != null && second.type() == SqlToken.Type.WORD
                        && TWO_WORD_OBJECTS.contains(obj.upper() + " " + second.upper())) {
                    return verb + " " + obj.upper() + " " + second.upper();
                }
                return verb + " " + obj.upper();
            }
            case "COMMENT":
                return c.at("ON") ? "COMMENT ON" : "COMMENT";
            case "REFRESH":
                return "REFRESH MATERIALIZED VIEW";
            case "START":
                return "START TRANSACTION";
            case "LOCK":
                return "LOCK TABLE";
            case "SECURITY":
                return "SECURITY LABEL";
            case "IMPORT":
                return "IMPORT FOREIGN SCHEMA";
            default:
                return verb;
        }
    }

    private Statement statement(TokenCursor c) {
        SqlToken first = c.peek();
        if (first.type() != SqlToken.Type.WORD) {
            return null;
        }
        switch (first.upper()) {
            case "CREATE":
                c.next();
                return create(c);
            case "ALTER":
                c.next();
                return alter(c);
            case "DROP":
                c.next();
                return drop(c);
            case "COMMENT":
                c.next();
                return comment(c);
            case "DO":
                return doBlock(c);
            case "REFRESH":
                return refresh(c);
            case "VACUUM":
                return vacuum(c);
            case "ANALYZE":
            case "ANALYSE":
                return analyze(c);
            case "REINDEX":
                return reindex(c);
            case "CLUSTER":
                return cluster(c);
            case "LOCK":
                return lock(c);
            case "GRANT":
            case "REVOKE":
                return grant(c);
            case "SET":
                return set(c);
            case "RESET":
                c.next();
                return new Statement.SetParameter(c.atEnd() ? "all" : c.rest().toLowerCase(Locale.ROOT), null, false);
            case "BEGIN":
            case "COMMIT":
            case "END":
            case "ROLLBACK":
            case "ABORT":
            case "SAVEPOINT":
            case "RELEASE":
            case "PREPARE":
                if (first.isWord("PREPARE") && !c.at("PREPARE", "TRANSACTION")) {
                    return new Statement.OtherKnown("PREPARE", List.of());
                }
                return new Statement.TransactionControl(first.upper());
            case "START":
                return new Statement.TransactionControl("START TRANSACTION");
            case "TRUNCATE":
                return truncate(c);
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "SELECT":
            case "WITH":
            case "VALUES":
                return dml(c);
            case "COPY": {
                c.next();
                if (c.at("(")) {
                    return new Statement.OtherKnown("COPY", tablesIn(c, c.pos, c.end()));
                }
                return new Statement.OtherKnown("COPY", List.of(c.qualifiedName()));
            }
            case "NOTIFY":
            case "LISTEN":
            case "UNLISTEN":
            case "DISCARD":
            case "CHECKPOINT":
            case "LOAD":
            case "EXECUTE":
            case "DEALLOCATE":
            case "SECURITY":
            case "IMPORT":
            case "CALL":
            case "EXPLAIN":
            case "SHOW":
            case "FETCH":
            case "MOVE":
            case "CLOSE":
            case "DECLARE":
            case "REASSIGN":
                return new Statement.OtherKnown(kind(c.tokens), tablesIn(c, 0, c.end()));
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- CREATE

    private Statement create(TokenCursor c) {
        boolean orReplace = c.accept("OR", "REPLACE");
        boolean unique = false;
        boolean temporary = false;
        boolean unlogged = false;
        while (true) {
            if (c.accept("UNIQUE")) {
                unique = true;
            } else if (c.accept("TEMP") || c.accept("TEMPORARY")) {
                temporary = true;
            } else if (c.accept("UNLOGGED")) {
                unlogged = true;
            } else if (c.accept("GLOBAL") || c.accept("LOCAL") || c.accept("TRUSTED") || c.accept("PROCEDURAL")
                    || c.accept("RECURSIVE")) {
                // no effect on what the statement touches
            } else {
                break;
            }
        }
        if (c.accept("TABLE")) {
            return createTable(c, temporary, unlogged);
        }
        if (c.accept("INDEX")) {
            return createIndex(c, unique);
        }
        if (c.accept("TYPE")) {
            QualifiedName type = c.qualifiedName();
            if (c.accept("AS", "ENUM")) {
                List<String> values = new ArrayList<>();
                for (TokenCursor v : c.parenthesisedList()) {
                    values.add(v.next().stringValue());
                }
                return new Statement.CreateEnumType(type, values);
            }
            return new Statement.CreateType(type, c.atEnd() ? "" : c.rest());
        }
        if (c.accept("EXTENSION")) {
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            return new Statement.CreateExtension(c.identifier(), ine);
        }
        if (c.accept("SCHEMA")) {
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            if (c.accept("AUTHORIZATION")) {
                return new Statement.CreateSchema(c.identifier(), ine);
            }
            return new Statement.CreateSchema(c.identifier(), ine);
        }
        if (c.at("FUNCTION") || c.at("PROCEDURE")) {
            boolean procedure = c.next().isWord("PROCEDURE");
            return new Statement.CreateFunction(c.qualifiedName(), orReplace, procedure);
        }
        if (c.at("CONSTRAINT", "TRIGGER") || c.at("TRIGGER")) {
            c.accept("CONSTRAINT");
            c.expect("TRIGGER");
            String name = c.identifier();
            StringBuilder timing = new StringBuilder();
            while (c.at("BEFORE") || c.at("AFTER") || c.at("INSTEAD") || c.at("OF")) {
                timing.append(timing.length() > 0 ? " " : "").append(c.next().upper());
            }
            int eventsFrom = c.pos;
            int on = c.findTopLevel(Set.of("ON"));
            String events = c.text(eventsFrom, on);
            c.pos = on;
            c.expect("ON");
            return new Statement.CreateTrigger(name, c.qualifiedName(), orReplace, timing.toString(), events);
        }
        if (c.at("MATERIALIZED", "VIEW") || c.at("VIEW")) {
            boolean materialized = c.accept("MATERIALIZED");
            c.expect("VIEW");
            c.accept("IF", "NOT", "EXISTS");
            QualifiedName view = c.qualifiedName();
            int as = c.findTopLevel(Set.of("AS"));
            c.pos = Math.min(as + 1, c.end());
            int queryFrom = c.pos;
            int withData = c.end();
            boolean data = true;
            for (int i = queryFrom; i < c.end(); i++) {
                if (c.tokens.get(i).isWord("WITH") && i + 1 < c.end()
                        && (c.tokens.get(i + 1).isWord("DATA") || c.tokens.get(i + 1).isWord("NO"))
                        && (i + 1 == c.end() - 1 || c.tokens.get(i + 1).isWord("NO"))) {
                    withData = i;
                    data = !c.tokens.get(i + 1).isWord("NO");
                    break;
                }
            }
            String query = c.text(queryFrom, withData);
            return new Statement.CreateView(view, orReplace, materialized, data, query, tablesIn(c, queryFrom, withData));
        }
        if (c.accept("SEQUENCE")) {
            boolean ine = c.accept("IF", "NOT", "EXISTS");
            QualifiedName seq = c.qualifiedName();
            return new Statement.CreateSequence(seq, ine, ownedBy(c));
        }
        return catalogOnly(c, "CREATE");
    }

    private static String ownedBy(TokenCursor c) {
        for (int i = c.pos; i + 2 < c.end(); i++) {
            if (c.tokens.get(i).isWord("OWNED") && c.tokens.get(i + 1).isWord("BY")) {
                TokenCursor o = new TokenCursor(c.sql, c.tokens, i + 2, c.end());
                if (o.at("NONE")) {
                    return null;
                }
                StringBuilder sb = new StringBuilder(o.identifier());
                while (o.accept(".")) {
                    sb.append('.').append(o.identifier());
                }
                return sb.toString();
            }
        }
        return null;
    }

    /** Objects that hold no table lock worth modelling; the tables are those named after ON/FOR TABLE. */
    private Statement catalogOnly(TokenCursor c, String verb) {
        SqlToken obj = c.peek();
        if (obj == null || obj.type() != SqlToken.Type.WORD) {
            return null;
        }
        String kind = kind(c.tokens);
        String object = obj.upper();
        if (!CATALOG_OBJECTS.contains(object)) {
            return null;
        }
        List<QualifiedName> tables = new ArrayList<>();
        if (object.equals("POLICY") || object.equals("RULE") || object.equals("TRIGGER") || object.equals("STATISTICS")) {
            for (int i = c.pos; i + 1 < c.end(); i++) {
                SqlToken t = c.tokens.get(i);
                if ((t.isWord("ON") || (object.equals("STATISTICS") && t.isWord("FROM"))) && c.tokens.get(i + 1).isIdentifier()) {
                    TokenCursor at = new TokenCursor(c.sql, c.tokens, i + 1, c.end());
                    tables.add(at.qualifiedName());
                    break;
                }
            }
        }
        return new Statement.CatalogOnly(kind, tables);
    }

    private Statement createTable(TokenCursor c, boolean temporary, boolean unlogged) {
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        QualifiedName table = c.qualifiedName();
        List<ColumnDefinition> columns = new ArrayList<>();
        List<ConstraintDefinition> constraints = new ArrayList<>();
        List<QualifiedName> sources = new ArrayList<>();
        QualifiedName partitionOf = null;
        String partitionBound = null;
        String partitionBy = null;
        boolean asSelect = false;
        if (c.accept("PARTITION", "OF")) {
            partitionOf = c.qualifiedName();
        } else if (c.accept("OF")) {
            c.qualifiedName(); // typed table: columns come from the type
        }
        if (c.at("(")) {
            int open = c.pos;
            int close = c.matchingClose(open);
            // CREATE TABLE t (a, b) AS SELECT ...: a column-name list, not definitions
            boolean asFollows = close + 1 < c.end() && c.tokens.get(close + 1).isWord("AS");
            if (asFollows) {
                c.pos = close + 1;
            } else {
                for (TokenCursor element : c.parenthesisedList()) {
                    tableElement(element, columns, constraints, sources);
                }
            }
        }
        while (!c.atEnd()) {
            if (c.accept("PARTITION", "BY")) {
                int from = c.pos;
                c.next(); // RANGE | LIST | HASH
                c.parenthesised();
                partitionBy = c.text(from, c.pos);
            } else if (c.accept("FOR", "VALUES")) {
                int from = c.pos - 2;
                c.next(); // IN | FROM | WITH
                c.parenthesised();
                if (c.accept("TO")) {
                    c.parenthesised();
                }
                partitionBound = c.text(from, c.pos);
            } else if (c.at("DEFAULT") && partitionOf != null) {
                c.next();
                partitionBound = "DEFAULT";
            } else if (c.accept("INHERITS")) {
                for (TokenCursor p : c.parenthesisedList()) {
                    sources.add(p.qualifiedName());
                }
            } else if (c.accept("AS")) {
                asSelect = true;
                int from = c.pos;
                int end = c.findTopLevel(Set.of("WITH"));
                while (end < c.end() && !(c.peekAt(end + 1, "DATA") || c.peekAt(end + 1, "NO"))) {
                    TokenCursor rest = new TokenCursor(c.sql, c.tokens, end + 1, c.end());
                    int again = rest.findTopLevel(Set.of("WITH"));
                    end = again;
                }
                sources.addAll(tablesIn(c, from, end));
                c.pos = c.end();
            } else {
                c.skipOne();
            }
        }
        return new Statement.CreateTable(table, ifNotExists, temporary, unlogged, columns, constraints, partitionBy,
                partitionOf, partitionBound, asSelect, sources);
    }

    private void tableElement(TokenCursor e, List<ColumnDefinition> columns, List<ConstraintDefinition> constraints,
            List<QualifiedName> sources) {
        SqlToken first = e.peek();
        if (first.type() == SqlToken.Type.WORD && TABLE_CONSTRAINT_START.contains(first.upper())
                && !(first.isWord("CHECK") && e.peek(1) != null && !e.peek(1).isPunct("("))) {
            // "primary"/"unique" as column names are followed by a type, not KEY/(
            if (!(first.isWord("PRIMARY") && !e.at("PRIMARY", "KEY")) && !(first.isWord("FOREIGN") && !e.at("FOREIGN", "KEY"))
                    && !(first.isWord("UNIQUE") && e.peek(1) != null && e.peek(1).isIdentifier() && !e.peek(1).isWord("NULLS")
                            && !e.peek(1).isWord("USING"))) {
                constraints.add(tableConstraint(e));
                return;
            }
        }
        if (first.isWord("LIKE")) {
            e.next();
            sources.add(e.qualifiedName());
            return;
        }
        columns.add(columnDefinition(e));
    }

    ColumnDefinition columnDefinition(TokenCursor e) {
        String name = e.identifier();
        int typeFrom = e.pos;
        int typeEnd = e.findTopLevel(COLUMN_CONSTRAINT_START);
        if (typeEnd == typeFrom) {
            throw new NotUnderstood("column " + name + " has no type");
        }
        String typeText = e.text(typeFrom, typeEnd);
        e.pos = typeEnd;
        boolean notNull = false;
        String defaultExpression = null;
        String identity = null;
        String generated = null;
        List<ConstraintDefinition> constraints = new ArrayList<>();
        String constraintName = null;
        while (!e.atEnd()) {
            if (e.accept("CONSTRAINT")) {
                constraintName = e.identifier();
                continue;
            }
            if (e.accept("NOT", "NULL")) {
                notNull = true;
            } else if (e.accept("NULL")) {
                notNull = false;
            } else if (e.accept("DEFAULT")) {
                int from = e.pos;
                e.skipOne();
                int end = e.findTopLevel(DEFAULT_END);
                // "NOT" inside a default is only an end when NOT NULL follows
                while (end < e.end() && e.tokens.get(end).isWord("NOT") && !e.peekAt(end + 1, "NULL")) {
                    TokenCursor more = new TokenCursor(e.sql, e.tokens, end + 1, e.end());
                    end = more.findTopLevel(DEFAULT_END);
                }
                defaultExpression = e.text(from, end);
                e.pos = end;
            } else if (e.accept("GENERATED")) {
                if (e.accept("BY", "DEFAULT")) {
                    identity = "BY DEFAULT";
                    e.expect("AS", "IDENTITY");
                    if (e.at("(")) {
                        e.parenthesised();
                    }
                } else {
                    e.expect("ALWAYS");
                    e.expect("AS");
                    if (e.accept("IDENTITY")) {
                        identity = "ALWAYS";
                        if (e.at("(")) {
                            e.parenthesised();
                        }
                    } else {
                        generated = e.parenthesised().trim();
                        e.accept("STORED");
                        e.accept("VIRTUAL");
                    }
                }
            } else if (e.accept("PRIMARY", "KEY")) {
                constraints.add(new ConstraintDefinition(constraintName, ConstraintType.PRIMARY_KEY, List.of(name), null,
                        List.of(), null, false, null, null));
                skipIndexParameters(e);
            } else if (e.accept("UNIQUE")) {
                if (e.accept("NULLS")) {
                    e.accept("NOT");
                    e.expect("DISTINCT");
                }
                constraints.add(new ConstraintDefinition(constraintName, ConstraintType.UNIQUE, List.of(name), null,
                        List.of(), null, false, null, null));
                skipIndexParameters(e);
            } else if (e.accept("REFERENCES")) {
                constraints.add(references(e, constraintName, List.of(name)));
            } else if (e.accept("CHECK")) {
                String expr = e.parenthesised().trim();
                e.accept("NO", "INHERIT");
                constraints.add(new ConstraintDefinition(constraintName, ConstraintType.CHECK, List.of(name), null,
                        List.of(), expr, false, null, null));
            } else if (e.accept("COLLATE") || e.accept("COMPRESSION") || e.accept("STORAGE")) {
                e.next();
                while (e.accept(".")) {
                    e.next();
                }
            } else if (e.accept("DEFERRABLE") || e.accept("NOT", "DEFERRABLE") || e.accept("INITIALLY")) {
                if (e.at("DEFERRED") || e.at("IMMEDIATE")) {
                    e.next();
                }
            } else {
                e.skipOne();
            }
            constraintName = null;
        }
        return new ColumnDefinition(name, PostgresTypeNames.normalise(typeText), notNull, defaultExpression, identity,
                generated, PostgresTypeNames.isSerial(typeText), constraints);
    }

    private static void skipIndexParameters(TokenCursor e) {
        while (true) {
            if (e.accept("INCLUDE") || e.accept("WITH")) {
                if (e.at("(")) {
                    e.parenthesised();
                }
            } else if (e.accept("USING", "INDEX", "TABLESPACE")) {
                e.identifier();
            } else {
                return;
            }
        }
    }

    private ConstraintDefinition references(TokenCursor e, String name, List<String> columns) {
        QualifiedName target = e.qualifiedName();
        List<String> refColumns = new ArrayList<>();
        if (e.at("(")) {
            for (TokenCursor col : e.parenthesisedList()) {
                refColumns.add(col.identifier());
            }
        }
        String onDelete = null;
        boolean notValid = false;
        while (!e.atEnd()) {
            if (e.accept("MATCH")) {
                e.next();
            } else if (e.accept("ON", "DELETE")) {
                onDelete = referentialAction(e);
            } else if (e.accept("ON", "UPDATE")) {
                referentialAction(e);
            } else if (e.accept("NOT", "VALID")) {
                notValid = true;
            } else if (e.accept("DEFERRABLE") || e.accept("NOT", "DEFERRABLE")) {
                // deferral does not change what is checked
            } else if (e.accept("INITIALLY")) {
                e.next();
            } else {
                break;
            }
        }
        return new ConstraintDefinition(name, ConstraintType.FOREIGN_KEY, columns, target, refColumns, null, notValid, null, onDelete);
    }

    private static String referentialAction(TokenCursor e) {
        if (e.accept("NO", "ACTION")) {
            return "NO ACTION";
        }
        if (e.accept("SET", "NULL")) {
            if (e.at("(")) {
                e.parenthesised();
            }
            return "SET NULL";
        }
        if (e.accept("SET", "DEFAULT")) {
            if (e.at("(")) {
                e.parenthesised();
            }
            return "SET DEFAULT";
        }
        return e.next().upper();
    }

    ConstraintDefinition tableConstraint(TokenCursor e) {
        String name = e.accept("CONSTRAINT") ? e.identifier() : null;
        ConstraintDefinition result;
        if (e.accept("CHECK")) {
            String expr = e.parenthesised().trim();
            result = new ConstraintDefinition(name, ConstraintType.CHECK, List.of(), null, List.of(), expr, false, null, null);
        } else if (e.at("UNIQUE") || e.at("PRIMARY")) {
            ConstraintType type = e.accept("UNIQUE") ? ConstraintType.UNIQUE : ConstraintType.PRIMARY_KEY;
            if (type == ConstraintType.PRIMARY_KEY) {
                e.expect("PRIMARY", "KEY");
            }
            if (e.accept("NULLS")) {
                e.accept("NOT");
                e.expect("DISTINCT");
            }
            if (e.accept("USING", "INDEX")) {
                String index = e.identifier();
                result = new ConstraintDefinition(name, type, List.of(), null, List.of(), null, false, index, null);
            } else {
                List<String> columns = new ArrayList<>();
                for (TokenCursor col : e.parenthesisedList()) {
                    columns.add(indexElement(col));
                }
                skipIndexParameters(e);
                result = new ConstraintDefinition(name, type, columns, null, List.of(), null, false, null, null);
            }
        } else if (e.accept("FOREIGN", "KEY")) {
            List<String> columns = new ArrayList<>();
            for (TokenCursor col : e.parenthesisedList()) {
                columns.add(col.identifier());
            }
            e.expect("REFERENCES");
            result = references(e, name, columns);
        } else if (e.accept("EXCLUDE")) {
            int from = e.pos;
            if (e.accept("USING")) {
                e.next();
            }
            e.parenthesised();
            int end = e.findTopLevel(Set.of("NOT", "DEFERRABLE", "INITIALLY"));
            result = new ConstraintDefinition(name, ConstraintType.EXCLUDE, List.of(), null, List.of(), e.text(from, end), false, null, null);
            e.pos = end;
        } else if (e.accept("NOT", "NULL")) {
            // PostgreSQL 18: CONSTRAINT n NOT NULL col
            String col = e.identifier();
            result = new ConstraintDefinition(name, ConstraintType.NOT_NULL, List.of(col), null, List.of(), null, false, null, null);
        } else {
            throw new NotUnderstood("unknown table constraint");
        }
        boolean notValid = result.notValid();
        while (!e.atEnd()) {
            if (e.accept("NOT", "VALID")) {
                notValid = true;
            } else {
                e.skipOne();
            }
        }
        if (notValid != result.notValid()) {
            result = new ConstraintDefinition(result.name(), result.type(), result.columns(), result.referencedTable(),
                    result.referencedColumns(), result.expression(), true, result.usingIndex(), result.onDelete());
        }
        return result;
    }

    /** An index element: the folded column name when it is a plain column (with ordering/opclass), else the text. */
    private static String indexElement(TokenCursor e) {
        int from = e.pos;
        SqlToken first = e.peek();
        if (first != null && first.isIdentifier()) {
            boolean plain = true;
            for (int i = from + 1; i < e.end(); i++) {
                SqlToken t = e.tokens.get(i);
                if (t.type() != SqlToken.Type.WORD && !t.isPunct(".")) {
                    plain = false;
                    break;
                }
            }
            // a dotted first token is a function call or qualified opclass, keep text then
            if (plain && !(e.peek(1) != null && e.peek(1).isPunct("."))) {
                return QualifiedName.fold(first.text());
            }
        }
        return e.text(from, e.end()).trim();
    }

    private Statement createIndex(TokenCursor c, boolean unique) {
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        QualifiedName name = null;
        if (!c.at("ON")) {
            name = c.qualifiedName();
        }
        c.expect("ON");
        boolean only = c.accept("ONLY");
        QualifiedName table = c.qualifiedName();
        String method = "btree";
        if (c.accept("USING")) {
            method = c.identifier().toLowerCase(Locale.ROOT);
        }
        List<String> elements = new ArrayList<>();
        for (TokenCursor el : c.parenthesisedList()) {
            elements.add(indexElement(el));
        }
        List<String> include = new ArrayList<>();
        String where = null;
        while (!c.atEnd()) {
            if (c.accept("INCLUDE")) {
                for (TokenCursor el : c.parenthesisedList()) {
                    include.add(el.identifier());
                }
            } else if (c.accept("WHERE")) {
                where = c.rest().trim();
            } else {
                c.skipOne();
            }
        }
        if (name != null && name.schema() == null && table.schema() != null) {
            // an index always lives in its table's schema
            name = new QualifiedName(table.schema(), name.name());
        }
        return new Statement.CreateIndex(name, table, unique, concurrently, ifNotExists, only, elements, where, method, include);
    }

    // ---------------------------------------------------------------- ALTER

    private Statement alter(TokenCursor c) {
        if (c.accept("TABLE")) {
            return alterTable(c);
        }
        if (c.accept("INDEX")) {
            if (c.at("ALL", "IN")) {
                return new Statement.OtherKnown("ALTER INDEX", List.of());
            }
            boolean ifExists = c.accept("IF", "EXISTS");
            QualifiedName index = c.qualifiedName();
            int from = c.pos;
            String renameTo = null;
            QualifiedName attach = null;
            if (c.accept("RENAME", "TO")) {
                renameTo = c.identifier();
            } else if (c.accept("ATTACH", "PARTITION")) {
                attach = c.qualifiedName();
            }
            return new Statement.AlterIndex(index, ifExists, operationWords(c, from), renameTo, attach);
        }
        if (c.accept("TYPE")) {
            QualifiedName type = c.qualifiedName();
            if (c.accept("ADD", "VALUE")) {
                boolean ine = c.accept("IF", "NOT", "EXISTS");
                String value = c.next().stringValue();
                String before = null;
                String after = null;
                if (c.accept("BEFORE")) {
                    before = c.next().stringValue();
                } else if (c.accept("AFTER")) {
                    after = c.next().stringValue();
                }
                return new Statement.AlterEnumAddValue(type, value, ine, before, after);
            }
            if (c.accept("RENAME", "VALUE")) {
                String from = c.next().stringValue();
                c.expect("TO");
                return new Statement.AlterEnumRenameValue(type, from, c.next().stringValue());
            }
            int from = c.pos;
            String renameTo = c.accept("RENAME", "TO") ? c.identifier() : null;
            return new Statement.AlterType(type, operationWords(c, from), renameTo);
        }
        if (c.accept("SEQUENCE")) {
            c.accept("IF", "EXISTS");
            QualifiedName seq = c.qualifiedName();
            int from = c.pos;
            String renameTo = c.accept("RENAME", "TO") ? c.identifier() : null;
            String owned = ownedBy(c);
            return new Statement.AlterSequence(seq, operationWords(c, from), renameTo, owned);
        }
        if (c.at("MATERIALIZED", "VIEW") || c.at("VIEW")) {
            boolean materialized = c.accept("MATERIALIZED");
            c.expect("VIEW");
            c.accept("IF", "EXISTS");
            QualifiedName view = c.qualifiedName();
            int from = c.pos;
            String renameTo = c.accept("RENAME", "TO") ? c.identifier() : null;
            return new Statement.AlterView(view, materialized, operationWords(c, from), renameTo);
        }
        if (c.at("FOREIGN", "TABLE")) {
            return new Statement.CatalogOnly("ALTER FOREIGN TABLE", List.of());
        }
        return catalogOnly(c, "ALTER");
    }

    /** The operation's leading keywords ({@code RENAME TO}, {@code SET TABLESPACE}, {@code OWNER TO}). */
    private static String operationWords(TokenCursor c, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < c.end() && i < from + 4; i++) {
            SqlToken t = c.tokens.get(i);
            if (t.type() != SqlToken.Type.WORD) {
                break;
            }
            String u = t.upper();
            if (!Set.of("RENAME", "TO", "SET", "RESET", "OWNER", "ATTACH", "PARTITION", "TABLESPACE", "SCHEMA", "ADD",
                    "DROP", "ALTER", "VALUE", "ATTRIBUTE", "COLUMN", "DEPENDS", "ON", "EXTENSION", "NO", "RESTART",
                    "OWNED", "BY", "INCREMENT", "START", "WITH", "CACHE", "MAXVALUE", "MINVALUE", "CYCLE", "AS", "STATISTICS",
                    "LOGGED", "UNLOGGED").contains(u)) {
                break;
            }
            sb.append(sb.length() > 0 ? " " : "").append(u);
        }
        return sb.toString();
    }

    private Statement alterTable(TokenCursor c) {
        if (c.at("ALL", "IN")) {
            return new Statement.OtherKnown("ALTER TABLE", List.of());
        }
        boolean ifExists = c.accept("IF", "EXISTS");
        boolean only = c.accept("ONLY");
        QualifiedName table = c.qualifiedName();
        c.accept("*");
        List<AlterTableAction> actions = new ArrayList<>();
        if (c.accept("RENAME")) {
            if (c.accept("TO")) {
                actions.add(new AlterTableAction.RenameTable(c.identifier()));
            } else if (c.accept("CONSTRAINT")) {
                String from = c.identifier();
                c.expect("TO");
                actions.add(new AlterTableAction.RenameConstraint(from, c.identifier()));
            } else {
                c.accept("COLUMN");
                String from = c.identifier();
                c.expect("TO");
                actions.add(new AlterTableAction.RenameColumn(from, c.identifier()));
            }
            return new Statement.AlterTable(table, ifExists, only, actions);
        }
        for (TokenCursor a : c.restSplitByCommas()) {
            actions.add(alterAction(a));
        }
        if (actions.isEmpty()) {
            throw new NotUnderstood("ALTER TABLE without an action");
        }
        return new Statement.AlterTable(table, ifExists, only, actions);
    }

    private AlterTableAction alterAction(TokenCursor a) {
        int from = a.pos;
        try {
            AlterTableAction action = alterActionOrNull(a);
            return action != null ? action : new AlterTableAction.Other(a.text(from, a.end()));
        } catch (NotUnderstood e) {
            return new AlterTableAction.Other(a.text(from, a.end()));
        }
    }

    private AlterTableAction alterActionOrNull(TokenCursor a) {
        if (a.accept("ADD")) {
            SqlToken t = a.peek();
            if (t != null && t.type() == SqlToken.Type.WORD && TABLE_CONSTRAINT_START.contains(t.upper())
                    && !(t.isWord("CHECK") && a.peek(1) != null && !a.peek(1).isPunct("("))
                    && !(t.isWord("PRIMARY") && !a.at("PRIMARY", "KEY"))
                    && !(t.isWord("FOREIGN") && !a.at("FOREIGN", "KEY"))) {
                return new AlterTableAction.AddConstraint(tableConstraint(a));
            }
            a.accept("COLUMN");
            boolean ine = a.accept("IF", "NOT", "EXISTS");
            return new AlterTableAction.AddColumn(columnDefinition(a), ine);
        }
        if (a.accept("DROP")) {
            if (a.accept("CONSTRAINT")) {
                boolean ifExists = a.accept("IF", "EXISTS");
                String name = a.identifier();
                return new AlterTableAction.DropConstraint(name, ifExists, a.accept("CASCADE"));
            }
            a.accept("COLUMN");
            boolean ifExists = a.accept("IF", "EXISTS");
            String name = a.identifier();
            return new AlterTableAction.DropColumn(name, ifExists, a.accept("CASCADE"));
        }
        if (a.accept("ALTER")) {
            if (a.accept("CONSTRAINT")) {
                return null;
            }
            a.accept("COLUMN");
            String col = a.identifier();
            if (a.accept("SET", "DATA", "TYPE") || a.accept("TYPE")) {
                int typeFrom = a.pos;
                int typeEnd = a.findTopLevel(Set.of("USING", "COLLATE"));
                String typeText = a.text(typeFrom, typeEnd);
                a.pos = typeEnd;
                String using = null;
                if (a.accept("COLLATE")) {
                    a.identifier();
                }
                if (a.accept("USING")) {
                    using = a.rest().trim();
                }
                return new AlterTableAction.AlterColumnType(col, PostgresTypeNames.normalise(typeText), using);
            }
            if (a.accept("SET", "DEFAULT")) {
                return new AlterTableAction.SetDefault(col, a.rest().trim());
            }
            if (a.accept("DROP", "DEFAULT")) {
                return new AlterTableAction.DropDefault(col);
            }
            if (a.accept("SET", "NOT", "NULL")) {
                return new AlterTableAction.SetNotNull(col);
            }
            if (a.accept("DROP", "NOT", "NULL")) {
                return new AlterTableAction.DropNotNull(col);
            }
            if (a.at("ADD", "GENERATED") || a.at("DROP", "IDENTITY") || a.at("DROP", "EXPRESSION")
                    || a.at("SET", "GENERATED") || a.at("RESTART") || a.at("SET", "INCREMENT") || a.at("SET", "START")
                    || a.at("SET", "EXPRESSION")) {
                return new AlterTableAction.AlterIdentity(col, a.rest());
            }
            if (a.at("SET", "STATISTICS") || a.at("SET", "STORAGE") || a.at("SET", "COMPRESSION") || a.at("SET", "(")
                    || a.at("RESET", "(")) {
                return new AlterTableAction.AlterColumnStorage(col, a.rest());
            }
            return null;
        }
        if (a.accept("VALIDATE", "CONSTRAINT")) {
            return new AlterTableAction.ValidateConstraint(a.identifier());
        }
        if (a.accept("ATTACH", "PARTITION")) {
            QualifiedName p = a.qualifiedName();
            return new AlterTableAction.AttachPartition(p, a.atEnd() ? null : a.rest().trim());
        }
        if (a.accept("DETACH", "PARTITION")) {
            QualifiedName p = a.qualifiedName();
            boolean concurrently = a.accept("CONCURRENTLY");
            boolean finalize = a.accept("FINALIZE");
            return new AlterTableAction.DetachPartition(p, concurrently, finalize);
        }
        if (a.at("ENABLE") || a.at("DISABLE") || a.at("FORCE") || a.at("NO", "FORCE")) {
            int from = a.pos;
            String text = a.rest();
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.contains("ROW LEVEL SECURITY")) {
                return new AlterTableAction.RowLevelSecurity(upper.replaceAll("\\s+", " "));
            }
            return new AlterTableAction.AlterTrigger(a.text(from, a.end()));
        }
        if (a.accept("CLUSTER", "ON")) {
            return new AlterTableAction.ClusterOn(a.identifier());
        }
        if (a.accept("SET", "WITHOUT", "CLUSTER")) {
            return new AlterTableAction.ClusterOn(null);
        }
        if (a.accept("SET", "WITHOUT", "OIDS")) {
            return new AlterTableAction.SetWithoutOids();
        }
        if (a.accept("SET", "LOGGED")) {
            return new AlterTableAction.SetLogged(true);
        }
        if (a.accept("SET", "UNLOGGED")) {
            return new AlterTableAction.SetLogged(false);
        }
        if (a.accept("SET", "TABLESPACE")) {
            return new AlterTableAction.SetTablespace(a.identifier());
        }
        if (a.accept("SET", "ACCESS", "METHOD")) {
            return new AlterTableAction.SetAccessMethod(a.identifier());
        }
        if (a.accept("SET", "SCHEMA")) {
            return new AlterTableAction.SetSchema(a.identifier());
        }
        if (a.at("SET", "(")) {
            a.next();
            return new AlterTableAction.SetStorageParameters(a.parenthesised().trim(), false);
        }
        if (a.at("RESET", "(")) {
            a.next();
            return new AlterTableAction.SetStorageParameters(a.parenthesised().trim(), true);
        }
        if (a.accept("NO", "INHERIT")) {
            return new AlterTableAction.Inherit(a.qualifiedName(), true);
        }
        if (a.accept("INHERIT")) {
            return new AlterTableAction.Inherit(a.qualifiedName(), false);
        }
        if (a.accept("NOT", "OF")) {
            return new AlterTableAction.OfType(null);
        }
        if (a.accept("OF")) {
            return new AlterTableAction.OfType(a.qualifiedName().toString());
        }
        if (a.accept("OWNER", "TO")) {
            return new AlterTableAction.OwnerTo(a.identifier());
        }
        if (a.accept("REPLICA", "IDENTITY")) {
            return new AlterTableAction.ReplicaIdentity(a.rest());
        }
        return null;
    }

    // ---------------------------------------------------------------- DROP

    private Statement drop(TokenCursor c) {
        if (c.accept("TABLE")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            List<QualifiedName> names = nameList(c);
            return new Statement.DropTable(names, ifExists, c.accept("CASCADE"));
        }
        if (c.accept("INDEX")) {
            boolean concurrently = c.accept("CONCURRENTLY");
            boolean ifExists = c.accept("IF", "EXISTS");
            List<QualifiedName> names = nameList(c);
            return new Statement.DropIndex(names, concurrently, ifExists, c.accept("CASCADE"));
        }
        if (c.accept("TYPE") || c.accept("DOMAIN")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            List<QualifiedName> names = nameList(c);
            return new Statement.DropType(names, ifExists, c.accept("CASCADE"));
        }
        if (c.at("MATERIALIZED", "VIEW") || c.at("VIEW")) {
            boolean materialized = c.accept("MATERIALIZED");
            c.expect("VIEW");
            boolean ifExists = c.accept("IF", "EXISTS");
            List<QualifiedName> names = nameList(c);
            return new Statement.DropView(names, materialized, ifExists, c.accept("CASCADE"));
        }
        if (c.accept("SEQUENCE")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            return new Statement.DropSequence(nameList(c), ifExists);
        }
        if (c.accept("FUNCTION") || c.accept("PROCEDURE") || c.accept("ROUTINE")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            List<QualifiedName> names = new ArrayList<>();
            for (TokenCursor f : c.restSplitByCommas()) {
                names.add(f.qualifiedName());
            }
            return new Statement.DropFunction(names, ifExists);
        }
        if (c.accept("TRIGGER")) {
            boolean ifExists = c.accept("IF", "EXISTS");
            String name = c.identifier();
            c.expect("ON");
            return new Statement.DropTrigger(name, c.qualifiedName(), ifExists);
        }
        return catalogOnly(c, "DROP");
    }

    private static List<QualifiedName> nameList(TokenCursor c) {
        List<QualifiedName> names = new ArrayList<>();
        names.add(c.qualifiedName());
        while (c.accept(",")) {
            names.add(c.qualifiedName());
        }
        return names;
    }

    // ---------------------------------------------------------------- others

    private Statement comment(TokenCursor c) {
        c.expect("ON");
        StringBuilder kind = new StringBuilder(c.next().upper());
        SqlToken second = c.peek();
        if (second != null && second.type() == SqlToken.Type.WORD
                && TWO_WORD_OBJECTS.contains(kind + " " + second.upper())) {
            kind.append(' ').append(c.next().upper());
        }
        if (kind.toString().equals("TEXT SEARCH")) {
            kind.append(' ').append(c.next().upper());
        }
        int from = c.pos;
        int is = c.findTopLevel(Set.of("IS"));
        if (is >= c.end()) {
            throw new NotUnderstood("COMMENT without IS");
        }
        return new Statement.Comment(kind.toString(), c.text(from, is));
    }

    private Statement doBlock(TokenCursor c) {
        c.expect("DO");
        String body = null;
        while (!c.atEnd()) {
            SqlToken t = c.next();
            if (t.type() == SqlToken.Type.DOLLAR_STRING || t.type() == SqlToken.Type.STRING) {
                body = t.stringValue();
            }
        }
        if (body == null) {
            throw new NotUnderstood("DO without a body");
        }
        List<SqlToken> inner = SqlToken.tokenize(body);
        TokenCursor b = new TokenCursor(body, inner);
        // catalogue lookups (IF EXISTS (SELECT ... FROM information_schema.columns ...)) touch no user table
        List<QualifiedName> tables = tablesIn(b, 0, inner.size()).stream()
                .filter(t -> !"information_schema".equals(t.schema()) && !"pg_catalog".equals(t.schema())
                        && !(t.schema() == null && t.name().startsWith("pg_")))
                .toList();
        return new Statement.DoBlock(body, tables);
    }

    private Statement refresh(TokenCursor c) {
        c.expect("REFRESH", "MATERIALIZED", "VIEW");
        boolean concurrently = c.accept("CONCURRENTLY");
        QualifiedName view = c.qualifiedName();
        boolean withData = !c.at("WITH", "NO");
        return new Statement.RefreshMaterializedView(view, concurrently, withData);
    }

    private Statement vacuum(TokenCursor c) {
        c.expect("VACUUM");
        boolean full = false;
        boolean analyze = false;
        if (c.at("(")) {
            String opts = c.parenthesised().toUpperCase(Locale.ROOT);
            full = opts.matches("(?s).*\\bFULL\\b(?!\\s+(FALSE|OFF|0)).*");
            analyze = opts.matches("(?s).*\\bANALY[SZ]E\\b(?!\\s+(FALSE|OFF|0)).*");
        }
        while (c.at("FULL") || c.at("FREEZE") || c.at("VERBOSE") || c.at("ANALYZE") || c.at("ANALYSE")) {
            SqlToken t = c.next();
            full |= t.isWord("FULL");
            analyze |= t.isWord("ANALYZE") || t.isWord("ANALYSE");
        }
        return new Statement.Vacuum(tableListWithColumns(c), full, analyze);
    }

    private Statement analyze(TokenCursor c) {
        c.next();
        if (c.at("(")) {
            c.parenthesised();
        }
        c.accept("VERBOSE");
        return new Statement.Analyze(tableListWithColumns(c));
    }

    private static List<QualifiedName> tableListWithColumns(TokenCursor c) {
        List<QualifiedName> tables = new ArrayList<>();
        for (TokenCursor t : c.restSplitByCommas()) {
            t.accept("ONLY");
            tables.add(t.qualifiedName());
        }
        return tables;
    }

    private Statement reindex(TokenCursor c) {
        c.expect("REINDEX");
        if (c.at("(")) {
            c.parenthesised();
        }
        String target = c.next().upper();
        boolean concurrently = c.accept("CONCURRENTLY");
        QualifiedName name = c.atEnd() ? null : c.qualifiedName();
        return new Statement.Reindex(target, name, concurrently);
    }

    private Statement cluster(TokenCursor c) {
        c.expect("CLUSTER");
        if (c.at("(")) {
            c.parenthesised();
        }
        c.accept("VERBOSE");
        if (c.atEnd()) {
            return new Statement.Cluster(null, null);
        }
        QualifiedName first = c.qualifiedName();
        if (c.accept("USING")) {
            return new Statement.Cluster(first, c.identifier());
        }
        if (c.accept("ON")) {
            // pre-8.3 form: CLUSTER index ON table
            return new Statement.Cluster(c.qualifiedName(), first.name());
        }
        return new Statement.Cluster(first, null);
    }

    private Statement lock(TokenCursor c) {
        c.expect("LOCK");
        c.accept("TABLE");
        c.accept("ONLY");
        List<QualifiedName> tables = new ArrayList<>();
        tables.add(c.qualifiedName());
        c.accept("*");
        while (c.accept(",")) {
            c.accept("ONLY");
            tables.add(c.qualifiedName());
            c.accept("*");
        }
        String mode = "ACCESS EXCLUSIVE";
        if (c.accept("IN")) {
            StringBuilder sb = new StringBuilder();
            while (!c.atEnd() && !c.at("MODE")) {
                sb.append(sb.length() > 0 ? " " : "").append(c.next().upper());
            }
            c.expect("MODE");
            mode = sb.toString();
        }
        return new Statement.LockTable(tables, mode, c.accept("NOWAIT"));
    }

    private Statement grant(TokenCursor c) {
        boolean revoke = c.next().isWord("REVOKE");
        String text = c.text(0, c.end());
        List<QualifiedName> tables = new ArrayList<>();
        int on = c.findTopLevel(Set.of("ON"));
        if (on < c.end()) {
            TokenCursor t = new TokenCursor(c.sql, c.tokens, on + 1, c.end());
            boolean tablesFollow = t.accept("TABLE") || (t.atIdentifier() && !Set.of("SEQUENCE", "SCHEMA", "FUNCTION",
                    "PROCEDURE", "ROUTINE", "DATABASE", "TYPE", "DOMAIN", "LANGUAGE", "ALL", "FOREIGN", "LARGE",
                    "TABLESPACE", "PARAMETER").contains(t.peek().upper()));
            if (tablesFollow) {
                tables.add(t.qualifiedName());
                while (t.accept(",")) {
                    tables.add(t.qualifiedName());
                }
            }
        }
        return new Statement.Grant(revoke, tables, text);
    }

    private Statement set(TokenCursor c) {
        c.expect("SET");
        boolean local = c.accept("LOCAL");
        c.accept("SESSION");
        if (c.accept("TIME", "ZONE")) {
            return new Statement.SetParameter("timezone", c.rest(), local);
        }
        if (c.at("TRANSACTION") || c.at("CONSTRAINTS") || c.at("ROLE") || c.at("AUTHORIZATION") || c.at("CHARACTERISTICS")) {
            String name = c.next().text().toLowerCase(Locale.ROOT);
            return new Statement.SetParameter(name, c.rest(), local);
        }
        StringBuilder name = new StringBuilder(c.identifier());
        while (c.accept(".")) {
            name.append('.').append(c.identifier());
        }
        if (!c.accept("TO")) {
            c.expect("=");
        }
        String value = c.rest().trim();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        return new Statement.SetParameter(name.toString().toLowerCase(Locale.ROOT), value, local);
    }

    private Statement truncate(TokenCursor c) {
        c.expect("TRUNCATE");
        c.accept("TABLE");
        List<QualifiedName> tables = new ArrayList<>();
        do {
            c.accept("ONLY");
            tables.add(c.qualifiedName());
            c.accept("*");
        } while (c.accept(","));
        boolean cascade = false;
        while (!c.atEnd()) {
            cascade |= c.next().isWord("CASCADE");
        }
        return new Statement.TruncateTable(tables, cascade);
    }

    /** INSERT/UPDATE/DELETE/SELECT that JSqlParser could not parse: the target from the grammar, the rest from tokens. */
    private Statement dml(TokenCursor c) {
        SqlToken verb = c.peek();
        List<QualifiedName> all = tablesIn(c, 0, c.end());
        boolean hasWhere = c.findTopLevel(Set.of("WHERE")) < c.end();
        if (verb.isWord("INSERT")) {
            c.expect("INSERT", "INTO");
            QualifiedName target = c.qualifiedName();
            boolean fromSelect = c.findTopLevel(Set.of("SELECT")) < c.end();
            return new Statement.Insert(target, fromSelect, without(all, target));
        }
        if (verb.isWord("UPDATE")) {
            c.next();
            c.accept("ONLY");
            QualifiedName target = c.qualifiedName();
            return new Statement.Update(target, hasWhere, without(all, target));
        }
        if (verb.isWord("DELETE")) {
            c.expect("DELETE", "FROM");
            c.accept("ONLY");
            QualifiedName target = c.qualifiedName();
            return new Statement.Delete(target, hasWhere, without(all, target));
        }
        if (verb.isWord("SELECT") || verb.isWord("VALUES")) {
            return new Statement.Select(all);
        }
        if (verb.isWord("WITH")) {
            return withQuery(c, all);
        }
        return null;
    }

    /** {@code WITH a AS (...), b AS (...) <main statement>}: the main statement decides; CTE names are no tables. */
    private Statement withQuery(TokenCursor c, List<QualifiedName> all) {
        c.expect("WITH");
        c.accept("RECURSIVE");
        List<QualifiedName> cteNames = new ArrayList<>();
        do {
            cteNames.add(QualifiedName.of(c.identifier()));
            if (c.at("(")) {
                c.parenthesised();
            }
            c.expect("AS");
            c.accept("NOT");
            c.accept("MATERIALIZED");
            c.parenthesised();
        } while (c.accept(","));
        // SEARCH/CYCLE clauses of recursive CTEs come before the main statement
        int mainStart = c.findTopLevel(Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "VALUES", "MERGE"));
        if (mainStart >= c.end()) {
            throw new NotUnderstood("WITH without a main statement");
        }
        List<QualifiedName> tables = new ArrayList<>(all);
        tables.removeAll(cteNames);
        TokenCursor main = new TokenCursor(c.sql, c.tokens, mainStart, c.end());
        Statement inner = dml(main);
        if (inner instanceof Statement.Insert i) {
            return new Statement.Insert(i.table(), i.fromSelect(), without(tables, i.table()));
        }
        if (inner instanceof Statement.Update u) {
            return new Statement.Update(u.table(), u.hasWhere(), without(tables, u.table()));
        }
        if (inner instanceof Statement.Delete d) {
            return new Statement.Delete(d.table(), d.hasWhere(), without(tables, d.table()));
        }
        if (inner instanceof Statement.Select) {
            return new Statement.Select(tables);
        }
        return inner;
    }

    private static List<QualifiedName> without(List<QualifiedName> all, QualifiedName target) {
        List<QualifiedName> rest = new ArrayList<>(all);
        rest.remove(target);
        return rest;
    }

    /**
     * Tables a statement's tokens name after FROM, JOIN, INTO, UPDATE, TABLE and ON ... (index and trigger targets):
     * good enough to say which tables a DO block or view touches, never used for lock decisions on its own.
     */
    static List<QualifiedName> tablesIn(TokenCursor c, int from, int to) {
        Set<QualifiedName> tables = new LinkedHashSet<>();
        for (int i = from; i < to - 1; i++) {
            SqlToken t = c.tokens.get(i);
            if (t.type() != SqlToken.Type.WORD) {
                continue;
            }
            String u = t.upper();
            boolean introducer = u.equals("FROM") || u.equals("JOIN") || u.equals("INTO") || u.equals("UPDATE")
                    || (u.equals("TABLE") && i > from && (c.tokens.get(i - 1).isWord("ALTER") || c.tokens.get(i - 1).isWord("TRUNCATE")
                            || c.tokens.get(i - 1).isWord("LOCK")));
            if (!introducer) {
                continue;
            }
            int j = i + 1;
            while (j < to && (c.tokens.get(j).isWord("ONLY") || c.tokens.get(j).isWord("LATERAL")
                    || (c.tokens.get(j).isWord("IF") ) || c.tokens.get(j).isWord("EXISTS"))) {
                j++;
            }
            if (j < to && c.tokens.get(j).isIdentifier() && !isReserved(c.tokens.get(j))) {
                TokenCursor n = new TokenCursor(c.sql, c.tokens, j, to);
                try {
                    QualifiedName q = n.qualifiedName();
                    if (!n.at("(")) {
                        tables.add(q);
                    }
                } catch (NotUnderstood | IllegalArgumentException e) {
                    // not a name after all
                }
            }
        }
        return new ArrayList<>(tables);
    }

    private static boolean isReserved(SqlToken t) {
        return t.type() == SqlToken.Type.WORD && Set.of("SELECT", "VALUES", "WITH", "STRICT", "TEMP", "TEMPORARY",
                "CURRENT", "UNNEST", "GENERATE_SERIES", "ROWS", "NEW", "OLD").contains(t.upper());
    }
}
