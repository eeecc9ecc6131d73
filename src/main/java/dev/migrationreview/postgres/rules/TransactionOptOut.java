package dev.migrationreview.postgres.rules;

import dev.migrationreview.format.InstalledFormats;
import dev.migrationreview.format.MigrationFormat;
import dev.migrationreview.format.MigrationTool;

/** How the migration's own tool runs one migration outside a transaction block, for fix text (its format says). */
final class TransactionOptOut {

    private TransactionOptOut() {}

    static String forTool(MigrationTool tool) {
        return InstalledFormats.named(tool.configName()).map(MigrationFormat::runOutsideTransaction)
                .orElse("Run it on its own, outside BEGIN ... COMMIT.");
    }
}
