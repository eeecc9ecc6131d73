package dev.migrationreview.format.django;

import dev.migrationreview.format.django.PythonValue.Call;
import dev.migrationreview.sql.SourceSpan;
import java.util.List;

/**
 * One Django migration file as written: the {@code Migration} class's graph attributes and its operations with
 * their spans. Nothing in it is evaluated; {@link MigrationReader} reads it from the Python source.
 *
 * @param path         repository-relative path of the file
 * @param key          its node in the graph: the app label (the directory above {@code migrations/}) and the file
 *                     name without {@code .py}
 * @param dependencies {@code dependencies}, in order
 * @param runBefore    {@code run_before}, in order
 * @param replaces     {@code replaces} (a squashed migration), in order
 * @param initial      {@code initial}: true, false, or null when the class does not say
 * @param atomic       {@code atomic} (true unless the class sets it false): whether the migration runs in one
 *                     transaction on a backend that can roll back DDL
 * @param operations   {@code operations}, in order
 * @param problem      why the file could not be read as a migration (a syntax error, no {@code Migration}
 *                     class), with its line; null when it was read
 * @param classLine    the line of {@code class Migration}, 1 when there is none
 */
public record DjangoMigration(String path, MigrationKey key, List<Dependency> dependencies, List<MigrationKey> runBefore,
        List<MigrationKey> replaces, Boolean initial, boolean atomic, List<DjangoOperation> operations, String problem,
        int classLine) {
    public DjangoMigration {
        dependencies = List.copyOf(dependencies);
        runBefore = List.copyOf(runBefore);
        replaces = List.copyOf(replaces);
        operations = List.copyOf(operations);
    }

    /** A node of the migration graph: {@code ("orders", "0003_order_status")}. */
    public record MigrationKey(String app, String name) {
        @Override
        public String toString() {
            return app + "." + name;
        }
    }

    /**
     * One entry of {@code dependencies}. {@code name} may be Django's {@code __first__} or {@code __latest__}.
     *
     * @param swappableSetting for {@code migrations.swappable_dependency(settings.AUTH_USER_MODEL)}: the setting's
     *                         name ({@code AUTH_USER_MODEL}); {@code key} is then the default model's app with
     *                         {@code __first__} (Django's own default, {@code auth.User}, for AUTH_USER_MODEL); null
     *                         for a plain tuple
     * @param line             the line it is written on
     */
    public record Dependency(MigrationKey key, String swappableSetting, int line) {}

    /**
     * One entry of {@code operations} (or of a {@code SeparateDatabaseAndState} list).
     *
     * @param call    the operation's call ({@code migrations.AddField(...)}); null when the entry is not a call
     * @param span    its lines in the file
     * @param written the call as written, on one line
     */
    public record DjangoOperation(Call call, SourceSpan span, String written) {
        /** The operation's class name ({@code AddField}), or the expression's kind when it is not a call. */
        public String name() {
            return call == null ? "expression" : call.name();
        }
    }
}
