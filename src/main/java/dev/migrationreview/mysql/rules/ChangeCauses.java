package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.mysql.sql.MysqlColumnTypes;
import dev.migrationreview.schema.Column;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a MySQL statement copies or rebuilds its table, where a rule of its own explains that cause better than the
 * generic table-copy and table-rebuild rules: those two stay silent for the causes named here.
 */
final class ChangeCauses {

    private static final Pattern PRIMARY = Pattern.compile("(?i)\\b(?:ADD|DROP)\\s+(?:CONSTRAINT\\s+(?:`[^`]*`|\\w+)\\s+)?PRIMARY\\s+KEY\\b");

    private ChangeCauses() {}

    /** One column whose definition a CHANGE/MODIFY replaces, with what it was. */
    record ColumnChange(AlterTableAction.ChangeColumn action, Column before) {}

    /** The CHANGE/MODIFY subcommands of the statement whose column existed before it. */
    static List<ColumnChange> columnChanges(StatementContext context) {
        List<ColumnChange> out = new ArrayList<>();
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return out;
        }
        Optional<Table> table = context.schemaBefore().table(alter.table());
        if (table.isEmpty()) {
            return out;
        }
        for (AlterTableAction a : alter.actions()) {
            if (a instanceof AlterTableAction.ChangeColumn change) {
                table.get().column(change.from()).ifPresent(c -> out.add(new ColumnChange(change, c)));
            }
        }
        return out;
    }

    /** True when some rule of a specific cause claims this statement's copy or rebuild. */
    static boolean explainedElsewhere(StatementContext context) {
        return !enumChanges(context).isEmpty() || !varcharChanges(context).isEmpty() || charsetConversion(context)
                || primaryKeyChange(context) || foreignKeyAdded(context) || fulltextIndex(context)
                || ddlOf(context).map(d -> d.instantChanges() > InstantLimit.ROW_VERSIONS).orElse(false);
    }

    private static Optional<OnlineDdl> ddlOf(StatementContext context) {
        return context.effects().onlineDdl();
    }

    // ---- ENUM and SET ----

    static boolean isEnumOrSet(TypeName type) {
        String n = AsciiCase.lower(type.name());
        return n.equals("enum") || n.equals("set");
    }

    /** ENUM/SET changes other than values appended at the end within the same storage size. */
    static List<ColumnChange> enumChanges(StatementContext context) {
        List<ColumnChange> out = new ArrayList<>();
        for (ColumnChange c : columnChanges(context)) {
            TypeName after = c.action().column().type();
            TypeName before = c.before().type();
            if (after == null || before == null || !isEnumOrSet(after) || !isEnumOrSet(before)
                    || !AsciiCase.lower(after.name()).equals(AsciiCase.lower(before.name()))) {
                continue;
            }
            List<String> old = values(before);
            List<String> now = values(after);
            boolean appended = now.size() >= old.size() && now.subList(0, old.size()).equals(old);
            boolean set = AsciiCase.lower(after.name()).equals("set");
            boolean sameSize = set ? setBytes(old.size()) == setBytes(now.size()) : (old.size() <= 255) == (now.size() <= 255);
            if (!appended || !sameSize) {
                out.add(c);
            }
        }
        return out;
    }

    /** Storage bytes of a SET of n members: 1, 2, 3, 4 or 8. */
    static int setBytes(int n) {
        return n <= 8 ? 1 : n <= 16 ? 2 : n <= 24 ? 3 : n <= 32 ? 4 : 8;
    }

    /** The values of an ENUM or SET type in order. */
    static List<String> values(TypeName type) {
        return MysqlColumnTypes.values(type);
    }

    // ---- VARCHAR length prefix ----

    /** A VARCHAR change of length: with its byte sizes before and after. */
    record VarcharChange(ColumnChange change, int fromChars, int toChars, int bytesPerChar, String charset) {
        int fromBytes() {
            return fromChars * bytesPerChar;
        }

        int toBytes() {
            return toChars * bytesPerChar;
        }

        boolean narrows() {
            return toChars < fromChars;
        }
    }

    /** VARCHAR columns narrowed, or widened across 255 bytes (the length prefix grows from 1 to 2 bytes). */
    static List<VarcharChange> varcharChanges(StatementContext context) {
        List<VarcharChange> out = new ArrayList<>();
        for (ColumnChange c : columnChanges(context)) {
            TypeName after = c.action().column().type();
            TypeName before = c.before().type();
            if (after == null || before == null || !isVarchar(after) || !isVarchar(before)
                    || after.modifiers().isEmpty() || before.modifiers().isEmpty()) {
                continue;
            }
            int from = before.modifiers().get(0);
            int to = after.modifiers().get(0);
            String charset = charsetOf(after).or(() -> charsetOf(before)).orElse("utf8mb4");
            int bpc = bytesPerChar(charset);
            VarcharChange v = new VarcharChange(c, from, to, bpc, charset);
            if (to < from || (from * bpc <= 255) != (to * bpc <= 255)) {
                out.add(v);
            }
        }
        return out;
    }

    static boolean isVarchar(TypeName type) {
        String n = AsciiCase.lower(type.name());
        return n.equals("varchar") || n.equals("character varying") || n.equals("varbinary");
    }

    /** The charset written for the column (or taken from its table at creation), lower case. */
    static Optional<String> charsetOf(TypeName type) {
        if (type.raw() == null) {
            return Optional.empty();
        }
        if (AsciiCase.lower(type.name()).equals("varbinary")) {
            return Optional.of("binary");
        }
        return Optional.ofNullable(MysqlColumnTypes.charset(type));
    }

    /** The most bytes one character takes in a character set (MySQL's MAXLEN). */
    static int bytesPerChar(String charset) {
        return MysqlColumnTypes.bytesPerCharacter(charset);
    }

    // ---- character set conversion ----

    /** CONVERT TO CHARACTER SET, or a CHANGE/MODIFY that gives a column another character set or collation. */
    static boolean charsetConversion(StatementContext context) {
        if (alterActions(context).stream().anyMatch(a -> a instanceof AlterTableAction.ConvertCharset)) {
            return true;
        }
        for (ColumnChange c : columnChanges(context)) {
            TypeName after = c.action().column().type();
            TypeName before = c.before().type();
            if (after == null || before == null) {
                continue;
            }
            Optional<String> newCharset = charsetOf(after);
            Optional<String> newCollation = collationOf(after);
            if (newCharset.isPresent() && !newCharset.equals(charsetOf(before))
                    || newCollation.isPresent() && !newCollation.equals(collationOf(before))) {
                return true;
            }
        }
        return false;
    }

    static Optional<String> collationOf(TypeName type) {
        return type.raw() == null ? Optional.empty() : Optional.ofNullable(MysqlColumnTypes.collation(type));
    }

    // ---- primary key, foreign key, full-text ----

    static boolean primaryKeyChange(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable)) {
            return false;
        }
        for (AlterTableAction a : alterActions(context)) {
            if (a instanceof AlterTableAction.AddConstraint add && add.constraint().type() == ConstraintType.PRIMARY_KEY) {
                return true;
            }
            if (a instanceof AlterTableAction.DropConstraint drop && drop.name() != null && AsciiCase.upper(drop.name()).equals("PRIMARY")) {
                return true;
            }
        }
        return PRIMARY.matcher(context.statement().raw().sql()).find();
    }

    static List<AlterTableAction.AddConstraint> foreignKeys(StatementContext context) {
        List<AlterTableAction.AddConstraint> out = new ArrayList<>();
        for (AlterTableAction a : alterActions(context)) {
            if (a instanceof AlterTableAction.AddConstraint add && add.constraint().type() == ConstraintType.FOREIGN_KEY) {
                out.add(add);
            }
        }
        return out;
    }

    static boolean foreignKeyAdded(StatementContext context) {
        return !foreignKeys(context).isEmpty() && ddlOf(context).map(d -> d.algorithm() == OnlineDdl.Algorithm.COPY).orElse(false)
                && !foreignKeyChecksOff(context);
    }

    /** Whether the file turned foreign_key_checks off before this statement (and not back on). */
    static boolean foreignKeyChecksOff(StatementContext context) {
        boolean off = false;
        for (StatementContext.JudgedStatement j : context.earlier()) {
            if (j.statement().statement() instanceof Statement.SetParameter set && set.name() != null
                    && AsciiCase.lower(set.name()).replace("@@session.", "").replace("@@", "").equals("foreign_key_checks")) {
                String v = set.value() == null ? "" : AsciiCase.lower(set.value().strip());
                off = v.equals("0") || v.equals("off") || v.equals("false");
            }
        }
        return off;
    }

    /** ADD FULLTEXT / SPATIAL INDEX, or CREATE FULLTEXT / SPATIAL INDEX: the name of the index kind, if any. */
    static Optional<String> fulltextKind(StatementContext context) {
        Statement s = context.statement().statement();
        if (s instanceof Statement.CreateIndex c && special(c.method())) {
            return Optional.of(AsciiCase.upper(c.method()));
        }
        for (AlterTableAction a : alterActions(context)) {
            if (a instanceof AlterTableAction.AddIndex add && special(add.method())) {
                return Optional.of(AsciiCase.upper(add.method()));
            }
        }
        return Optional.empty();
    }

    static boolean fulltextIndex(StatementContext context) {
        return fulltextKind(context).isPresent();
    }

    private static boolean special(String method) {
        return method != null && (method.equalsIgnoreCase("fulltext") || method.equalsIgnoreCase("spatial"));
    }

    private static List<AlterTableAction> alterActions(StatementContext context) {
        return context.statement().statement() instanceof Statement.AlterTable a ? a.actions() : List.of();
    }
}
