package dev.migrationreview.mysql.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.OnlineDdl;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.risk.TableSize;
import dev.migrationreview.analysis.risk.WorkKind;
import dev.migrationreview.config.Risk;
import dev.migrationreview.sql.AsciiCase;
import dev.migrationreview.sql.statement.Statement;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ENUM/SET values inserted mid-list, removed, reordered, or past a storage-size boundary: the table is copied. */
@Singleton
public final class EnumValueReorder extends MysqlRule {

    public EnumValueReorder() {
        super("enum-value-reorder", Risk.HIGH,
                "An ENUM or SET value list changed other than by appending at the end: the table is copied, writes wait");
    }

    @Override
    public List<Finding> check(StatementContext context) {
        if (!(context.statement().statement() instanceof Statement.AlterTable alter)) {
            return List.of();
        }
        List<ChangeCauses.ColumnChange> changes = ChangeCauses.enumChanges(context);
        TableSize size = TableSize.of(context, alter.table());
        Optional<OnlineDdl> ddl = ddl(context);
        if (changes.isEmpty() || size.isNew() || ddl.map(d -> !d.rebuildsTable() && d.algorithm() != OnlineDdl.Algorithm.COPY).orElse(false)) {
            return List.of();
        }
        ChangeCauses.ColumnChange first = changes.get(0);
        String column = first.action().column().name();
        String kind = AsciiCase.upper(first.action().column().type().name());
        List<String> old = ChangeCauses.values(first.before().type());
        List<String> now = ChangeCauses.values(first.action().column().type());
        List<String> removed = new ArrayList<>(old);
        removed.removeAll(now);
        String what = describe(old, now, removed, kind);
        OnlineDdl run = ddl.orElse(new OnlineDdl(OnlineDdl.Algorithm.COPY, OnlineDdl.LockLevel.SHARED, true));
        CopyJudgement j = CopyJudgement.of(context, run, alter.table(), WorkKind.REWRITE, false);
        String message = "`" + column + "` " + what + ". " + kind + " values are stored as numbers (" + (kind.equals("SET") ? "a bit per member" : "the value's position")
                + "), so this changes what the stored numbers mean and every row must be rewritten." + (removed.isEmpty() ? ""
                        : " Rows holding a removed value become '' (or the statement fails in strict mode).") + " " + j.message();
        List<String> appended = new ArrayList<>(old);
        now.stream().filter(v -> !old.contains(v)).forEach(appended::add);
        String fix = "Instead: keep every existing value in place and append new ones at the end; the server then changes only metadata:"
                + sqlBlock(appendedVersion(context, first, kind, appended))
                + "\nKeep display order in the application (or `ORDER BY FIELD(...)`), not in the list. To remove or reorder values of a"
                + " large table anyway, first make sure no row holds a removed value, then run the change online:" + j.online();
        return report(context, j.risk(), "Changing `" + column + "`'s " + kind + " values copies `" + alter.table().name() + "`", message, fix, null);
    }

    /**
     * The author's own statement with the value list replaced by the appended one (keeping DEFAULT, NOT NULL, COMMENT as
     * written), asking for INSTANT; a bare MODIFY when the list cannot be found in the text.
     */
    private static String appendedVersion(StatementContext context, ChangeCauses.ColumnChange change, String kind, List<String> appended) {
        String text = statementText(context);
        String raw = change.action().column().type().raw();
        int open = raw == null ? -1 : raw.indexOf('(');
        int close = raw == null ? -1 : raw.lastIndexOf(')');
        String list = open >= 0 && close > open ? raw.substring(open, close + 1) : null;
        String replacement = "(" + quoted(appended) + ")";
        if (list != null && text.contains(list) && text.indexOf(list) == text.lastIndexOf(list)) {
            String out = text.replace(list, replacement);
            if (!out.toUpperCase(java.util.Locale.ROOT).contains("ALGORITHM")) {
                out = out.substring(0, out.length() - 1).stripTrailing() + ", ALGORITHM=INSTANT;";
            }
            return out;
        }
        return "ALTER TABLE " + sqlIdent(context) + " MODIFY " + ident(change.action().column().name()) + " " + kind + replacement
                + (change.action().column().notNull() ? " NOT NULL" : "") + ", ALGORITHM=INSTANT;";
    }

    private static String sqlIdent(StatementContext context) {
        return changedTable(context).map(MysqlRule::ident).orElse("t");
    }

    private static String describe(List<String> old, List<String> now, List<String> removed, String kind) {
        if (!removed.isEmpty()) {
            return "loses " + kind + " value" + (removed.size() > 1 ? "s " : " ") + quoted(removed);
        }
        boolean prefix = now.size() >= old.size() && now.subList(0, old.size()).equals(old);
        if (prefix) {
            return "grows from " + old.size() + " to " + now.size() + " " + kind + " values, past a storage-size boundary";
        }
        List<String> kept = new ArrayList<>(now);
        kept.retainAll(old);
        if (kept.equals(old)) {
            List<String> inserted = new ArrayList<>(now);
            inserted.removeAll(old);
            return "gets " + quoted(inserted) + " inserted before existing " + kind + " values instead of appended at the end";
        }
        return "has its " + kind + " values reordered (" + quoted(old) + " → " + quoted(now) + ")";
    }

    private static String quoted(List<String> values) {
        List<String> q = new ArrayList<>();
        for (String v : values) {
            q.add("'" + v.replace("'", "''") + "'");
        }
        return String.join(",", q);
    }

}
