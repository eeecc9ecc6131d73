package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AddField, AlterField, RenameField, RemoveField: what Django's PostgreSQL schema editor sends, including what
 * the Python hides (the default dropped after the column is added, the foreign key's constraint and index).
 */
class FieldOperationsTest {
    static final String INITIAL = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                initial = True

                operations = [
                    migrations.CreateModel(
                        name="Customer",
                        fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
                    ),
                    migrations.CreateModel(
                        name="Order",
                        fields=[
                            ("id", models.BigAutoField(primary_key=True, serialize=False)),
                            ("number", models.CharField(max_length=20)),
                            ("note", models.TextField(null=True)),
                        ],
                    ),
                ]
            """;

    static final String ADD = """
            import django.db.models.deletion
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0001_initial")]

                operations = [
                    migrations.AddField(
                        model_name="order",
                        name="status",
                        field=models.CharField(default="new", max_length=10),
                    ),
                    migrations.AddField(model_name="order", name="paid", field=models.BooleanField(db_default=False)),
                    migrations.AddField(
                        model_name="order",
                        name="customer",
                        field=models.ForeignKey(
                            null=True, on_delete=django.db.models.deletion.SET_NULL, to="orders.customer"
                        ),
                    ),
                    migrations.AlterField(
                        model_name="order",
                        name="status",
                        field=models.CharField(default="new", max_length=10, verbose_name="state"),
                    ),
                ]
            """;

    static final String CHANGE = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0002_more")]

                operations = [
                    migrations.AlterField(model_name="order", name="note", field=models.TextField(default="")),
                    migrations.RenameField(model_name="order", old_name="number", new_name="reference"),
                    migrations.RemoveField(model_name="order", name="customer"),
                    migrations.AlterField(model_name="order", name="paid", field=models.BooleanField(null=True)),
                ]
            """;

    static final String WIDEN = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0001_initial")]

                operations = [
                    migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=50, db_index=True)),
                    migrations.AlterField(model_name="order", name="number", field=models.TextField(db_index=True)),
                ]
            """;

    @Test
    void alterFieldChangesTheTypeAndBuildsTheIndexAndItsLikeIndex() {
        MigrationScript s = new DjangoProject().migration("orders", "0001_initial", INITIAL).migration("orders", "0002_widen", WIDEN)
                .script("orders", "0002_widen");
        String index = "\"orders_order_number_HASH\"".replace("HASH", DjangoNames.digest(8, List.of("orders_order", "number")));
        String like = index.replace("\"orders_order_number_", "\"orders_order_number_").replace("\" ", "_like\" ")
                .substring(0, index.length() - 1) + "_like\"";
        assertEquals(List.of("ALTER TABLE \"orders_order\" ALTER COLUMN \"number\" TYPE varchar(50) USING \"number\"::varchar(50)",
                "CREATE INDEX " + index + " ON \"orders_order\" (\"number\")",
                "CREATE INDEX " + like + " ON \"orders_order\" (\"number\" varchar_pattern_ops)"), DjangoProject.sqlAt(s, 8));
        // varchar to text: the LIKE index is rebuilt with text's operator class
        assertEquals(List.of("DROP INDEX IF EXISTS " + like,
                "ALTER TABLE \"orders_order\" ALTER COLUMN \"number\" TYPE text USING \"number\"::text",
                "CREATE INDEX " + like + " ON \"orders_order\" (\"number\" text_pattern_ops)"), DjangoProject.sqlAt(s, 9));
    }

    private final DjangoProject project = new DjangoProject().migration("orders", "0001_initial", INITIAL)
            .migration("orders", "0002_more", ADD).migration("orders", "0003_change", CHANGE);

    private static final String FK = "\"orders_order_customer_id_0b76f6a4_fk_orders_customer_id\"";

    @Test
    void addFieldWithADefaultAddsTheColumnWithItThenDropsIt() {
        MigrationScript add = project.script("orders", "0002_more");
        assertEquals(List.of("ALTER TABLE \"orders_order\" ADD COLUMN \"status\" varchar(10) DEFAULT 'new' NOT NULL",
                "ALTER TABLE \"orders_order\" ALTER COLUMN \"status\" DROP DEFAULT"), DjangoProject.sqlAt(add, 9));
        Operation first = add.operations().get(0);
        assertEquals(9, first.span().startLine());
        assertEquals(13, first.span().endLine());
        assertEquals("migrations.AddField(model_name=\"order\", name=\"status\", field=models.CharField(default=\"new\", max_length=10))",
                first.written());
    }

    @Test
    void dbDefaultStaysInTheDatabase() {
        assertEquals(List.of("ALTER TABLE \"orders_order\" ADD COLUMN \"paid\" boolean DEFAULT false NOT NULL"),
                DjangoProject.sqlAt(project.script("orders", "0002_more"), 14));
    }

    @Test
    void aForeignKeyBringsItsConstraintNowAndItsIndexAtTheEndOfTheMigration() {
        MigrationScript add = project.script("orders", "0002_more");
        assertEquals(List.of("ALTER TABLE \"orders_order\" ADD COLUMN \"customer_id\" bigint NULL CONSTRAINT " + FK
                        + " REFERENCES \"orders_customer\"(\"id\") DEFERRABLE INITIALLY DEFERRED",
                "SET CONSTRAINTS " + FK + " IMMEDIATE",
                "CREATE INDEX \"orders_order_customer_id_0b76f6a4\" ON \"orders_order\" (\"customer_id\")"),
                DjangoProject.sqlAt(add, 15));
        Operation last = add.operations().get(add.operations().size() - 1);
        assertEquals(15, last.span().startLine());
        assertEquals(List.of("CREATE INDEX \"orders_order_customer_id_0b76f6a4\" ON \"orders_order\" (\"customer_id\")"), last.sql());
        // a change Django keeps in Python (verbose_name) sends nothing
        assertEquals(List.of(), DjangoProject.sqlAt(add, 22));
    }

    @Test
    void alterFieldToNotNullWithADefaultFillsNullRowsThenSetsNotNull() {
        assertEquals(List.of("ALTER TABLE \"orders_order\" ALTER COLUMN \"note\" SET DEFAULT ''",
                "UPDATE \"orders_order\" SET \"note\" = '' WHERE \"note\" IS NULL",
                "SET CONSTRAINTS ALL IMMEDIATE",
                "ALTER TABLE \"orders_order\" ALTER COLUMN \"note\" SET NOT NULL",
                "ALTER TABLE \"orders_order\" ALTER COLUMN \"note\" DROP DEFAULT"), DjangoProject.sqlAt(project.script("orders", "0003_change"), 8));
    }

    @Test
    void renameRemoveAndDropNotNull() {
        MigrationScript change = project.script("orders", "0003_change");
        assertEquals(List.of("ALTER TABLE \"orders_order\" RENAME COLUMN \"number\" TO \"reference\""), DjangoProject.sqlAt(change, 9));
        assertEquals(List.of("SET CONSTRAINTS " + FK + " IMMEDIATE", "ALTER TABLE \"orders_order\" DROP CONSTRAINT " + FK,
                "ALTER TABLE \"orders_order\" DROP COLUMN \"customer_id\" CASCADE"), DjangoProject.sqlAt(change, 10));
        // PostgreSQL takes both changes in one ALTER TABLE
        assertEquals(List.of("ALTER TABLE \"orders_order\" ALTER COLUMN \"paid\" DROP DEFAULT, ALTER COLUMN \"paid\" DROP NOT NULL"),
                DjangoProject.sqlAt(change, 11));
    }
}
