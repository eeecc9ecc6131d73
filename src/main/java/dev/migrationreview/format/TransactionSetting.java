package dev.migrationreview.format;

import java.util.Arrays;
import java.util.Locale;

/**
 * Config's {@code migrations[].transaction}: for migrators that run files differently from the tool whose
 * naming they share (concourse, ory's popx and supabase storage wrap each file in a transaction themselves).
 */
public enum TransactionSetting {
    /** The migrator wraps each file's applied part in one transaction. */
    PER_FILE("per-file"),
    /** The migrator adds no transaction: each statement runs on its own. */
    NONE("none"),
    /** Whatever the tool does (docs/migration-tools.md). */
    TOOL_DEFAULT("tool-default");

    private final String configName;

    TransactionSetting(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static TransactionSetting fromConfigName(String name) {
        return Arrays.stream(values()).filter(v -> v.configName.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transaction mode '" + name
                        + "' (expected per-file, none or tool-default)"));
    }

    /** The opt-out line of postgres-migrations, whose per-file transactions supabase storage and others inherit. */
    private static final java.util.regex.Pattern OPT_OUT =
            java.util.regex.Pattern.compile("(?m)^\\s*--\\s*postgres-migrations\\s+disable-transaction\\s*$");

    /** The script as this setting runs it. */
    public MigrationScript apply(MigrationScript script) {
        return switch (this) {
            case PER_FILE -> script.withTransaction(!OPT_OUT.matcher(script.content()).find());
            case NONE -> script.withTransaction(false);
            case TOOL_DEFAULT -> script;
        };
    }
}
