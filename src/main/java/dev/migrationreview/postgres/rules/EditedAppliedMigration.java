package dev.migrationreview.postgres.rules;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.migrations.MigrationTool;
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
        MigrationTool tool = context.script().tool();
        String path = context.script().path();
        String message = "`" + path + "` already exists in the base branch (line " + before.firstEditedLine()
                + " is the first edited line): every database that ran it keeps the old version and never runs the edit, while"
                + " new databases run the new one, so environments drift apart. " + whatTheToolDoes(tool);
        String fix = "Leave the applied migration as it was and put the change in a new migration"
                + (tool == MigrationTool.SQITCH ? " (with sqitch: `sqitch rework` the change)" : "")
                + ". If the edit only fixes a comment or whitespace, revert it"
                + (tool == MigrationTool.FLYWAY ? ", or run `flyway repair` on every database after deploying it" : "") + ".";
        Risk risk = checksumStopsTheDeploy(tool) ? Risk.HIGH : Risk.MEDIUM;
        return report(context, risk, "Applied migration `" + path + "` edited", message, fix, null);
    }

    private static boolean checksumStopsTheDeploy(MigrationTool tool) {
        return tool == MigrationTool.FLYWAY || tool == MigrationTool.LIQUIBASE;
    }

    /** What the tool does with a script it has already applied and that has changed since. */
    private static String whatTheToolDoes(MigrationTool tool) {
        return switch (tool) {
            case FLYWAY -> "Flyway stores a checksum of every applied script, and `migrate` validates them first (validateOnMigrate is"
                    + " on by default): any change, even a comment, fails the deploy with a checksum mismatch until `flyway repair`"
                    + " is run on that database.";
            case LIQUIBASE -> "Liquibase stores a checksum of every applied changeset and stops `update` with a validation error when it"
                    + " changed, unless the changeset has `runOnChange:true` (then it runs again) or a `validCheckSum`.";
            case PRISMA -> "Prisma stores a checksum of each applied `migration.sql`: `prisma migrate dev` reports that the migration"
                    + " was modified after it was applied and asks to reset the development database; `migrate deploy` does not run"
                    + " it again.";
            case GOLANG_MIGRATE -> "golang-migrate records only the version number it reached, so it never runs this file again where"
                    + " it already ran.";
            case GOOSE -> "goose records applied versions, so it never runs this file again where it already ran.";
            case DBMATE -> "dbmate records applied versions in schema_migrations, so it never runs this file again where it already ran.";
            case DIESEL -> "diesel records applied versions in __diesel_schema_migrations, so it never runs this migration again where"
                    + " it already ran.";
            case SQITCH -> "sqitch records deployed changes and never deploys this one again; a deployed change is changed with"
                    + " `sqitch rework`.";
            default -> "A runner that records applied files will not run it again.";
        };
    }
}
