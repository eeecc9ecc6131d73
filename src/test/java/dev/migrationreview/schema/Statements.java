package dev.migrationreview.schema;

import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import java.util.List;

/** Builds statement records by hand, as the parser would produce them, for replay tests independent of the parser. */
final class Statements {
    private Statements() {}

    static ParsedStatement parsed(String sql, Statement statement) {
        String kind = sql.trim().split("\\s+")[0].toUpperCase(java.util.Locale.ROOT);
        return new ParsedStatement(new RawStatement(0, sql, new SourceSpan(1, 1, 1, sql.length()), List.of(), false), kind, statement,
                ParsedStatement.Recogniser.PARSER, null);
    }

    static QualifiedName name(String text) {
        return QualifiedName.parse(text);
    }

    static TypeName type(String name) {
        return new TypeName(name, List.of(), 0, name);
    }

    static ColumnDefinition column(String name, String type, ConstraintDefinition... inline) {
        return new ColumnDefinition(name, type(type), false, null, null, null, false, List.of(inline));
    }

    static ColumnDefinition notNullColumn(String name, String type) {
        return new ColumnDefinition(name, type(type), true, null, null, null, false, List.of());
    }

    static ColumnDefinition serial(String name, String type) {
        return new ColumnDefinition(name, type(type), false, null, null, null, true, List.of());
    }

    static ConstraintDefinition primaryKey(String... columns) {
        return new ConstraintDefinition(null, ConstraintType.PRIMARY_KEY, List.of(columns), null, List.of(), null, false, null, null);
    }

    static ConstraintDefinition unique(String name, String... columns) {
        return new ConstraintDefinition(name, ConstraintType.UNIQUE, List.of(columns), null, List.of(), null, false, null, null);
    }

    static ConstraintDefinition foreignKey(String name, List<String> columns, String table, List<String> referenced, boolean notValid) {
        return new ConstraintDefinition(name, ConstraintType.FOREIGN_KEY, columns, name(table), referenced, null, notValid, null, null);
    }

    static ConstraintDefinition check(String name, String expression, boolean notValid) {
        return new ConstraintDefinition(name, ConstraintType.CHECK, List.of(), null, List.of(), expression, notValid, null, null);
    }

    static Statement.CreateTable createTable(String table, List<ColumnDefinition> columns, List<ConstraintDefinition> constraints) {
        return new Statement.CreateTable(name(table), false, false, false, columns, constraints, null, null, null, false, List.of());
    }

    static Statement.AlterTable alter(String table, AlterTableAction... actions) {
        return new Statement.AlterTable(name(table), false, false, List.of(actions));
    }

    static Statement.CreateIndex index(String name, String table, boolean unique, String where, String... elements) {
        return new Statement.CreateIndex(name == null ? null : name(name), name(table), unique, false, false, false, List.of(elements), where,
                null, List.of());
    }
}
