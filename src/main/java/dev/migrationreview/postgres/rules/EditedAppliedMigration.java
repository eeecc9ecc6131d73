package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.config.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.format.InstalledFormats;
import dev.migrationreview.format.MigrationFormat;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A change edits a migration that already exists at the base: databases that ran it never run the edit, and
 * some tools refuse to migrate at all once an applied script's checksum changed.
 */
@Singleton
public final class EditedAppliedMigration extends PostgresRule {

    public EditedAppliedMigration() {
        super("edited-applied-migration", Risk.MEDIUM,
                "An already-applied migration is edited: databases that ran it never run the edit");
    }

    @Override
    public boolean judgesUnchangedStatements() {
        return true;
    }

    @Override
    public List<Finding> check(StatementContext context) {
        StatementContext.AppliedBefore before = context.appliedBefore();
        if (before == null || !before.anchor()) {
            return List.of();
        }
        MigrationFormat.AppliedEdit tool = InstalledFormats.named(context.script().tool().configName())
                .map(MigrationFormat::appliedEdit)
                .orElse(new MigrationFormat.AppliedEdit(false, "A runner that records applied files will not run it again.", ""));
        String path = context.script().path();
        String message = "`" + path + "` already exists in the base branch (line " + before.firstEditedLine()
                + " is the first edited line): every database that ran it keeps the old version and never runs the edit, while"
                + " new databases run the new one, so environments drift apart. " + tool.behaviour();
        String fix = "Leave the applied migration as it was and put the change in a new migration. If the edit only fixes a"
                + " comment or whitespace, revert it" + (tool.remedy().isEmpty() ? "" : ", " + tool.remedy()) + ".";
        Risk risk = tool.stopsTheDeploy() ? Risk.HIGH : Risk.MEDIUM;
        return report(context, risk, "Applied migration `" + path + "` edited", message, fix, null);
    }
}
