package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.Operation;
import dev.migrationreview.sql.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Indexes, constraints, together options, model renames, SeparateDatabaseAndState, RunSQL, RunPython,
 * django.contrib.postgres operations, and what cannot be translated: exact SQL at each operation's lines.
 */
class OperationFamiliesTest {
    private static final String INITIAL = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                initial = True

                operations = [
                    migrations.CreateModel(
                        name="Product",
                        fields=[
                            ("id", models.BigAutoField(primary_key=True, serialize=False)),
                            ("name", models.CharField(max_length=100)),
                            ("price", models.DecimalField(decimal_places=2, max_digits=10)),
                            ("category", models.CharField(max_length=30)),
                        ],
                    ),
                ]
            """;

    private static MigrationScript change(String content) {
        return new DjangoProject().migration("shop", "0001_initial", INITIAL).migration("shop", "0002_change", content)
                .script("shop", "0002_change");
    }

    /** The SQL of the operation written on the line holding {@code marker}. */
    private static List<String> at(MigrationScript script, String marker) {
        return DjangoProject.sqlAt(script, line(script.content(), marker));
    }

    private static int line(String content, String marker) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + marker);
    }

    private static String migration(String imports, String classBody) {
        return imports + "\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
                + "    dependencies = [(\"shop\", \"0001_initial\")]\n" + classBody.indent(4);
    }

    @Test
    void indexesAsDjangoBuildsThem() {
        MigrationScript s = change(migration("from django.contrib.postgres.indexes import GinIndex", """
                operations = [
                    migrations.AddIndex(model_name="product", index=models.Index(fields=["-price", "name"], name="price_name_idx")),
                    migrations.AddIndex(
                        model_name="product",
                        index=models.Index(fields=["name"], name="cheap_idx", condition=models.Q(price__lt=10)),
                    ),
                    migrations.AddIndex(model_name="product", index=GinIndex(fields=["name"], name="name_gin", opclasses=["gin_trgm_ops"])),
                    migrations.RenameIndex(model_name="product", new_name="by_price", old_name="price_name_idx"),
                    migrations.RemoveIndex(model_name="product", name="cheap_idx"),
                ]
                """));
        assertEquals(List.of("CREATE INDEX \"price_name_idx\" ON \"shop_product\" (\"price\" DESC, \"name\")"), at(s, "price_name_idx\"))"));
        assertEquals(List.of("CREATE INDEX \"cheap_idx\" ON \"shop_product\" (\"name\") WHERE \"price\" < 10"), DjangoProject.sqlAt(s, line(s.content(), "name=\"cheap_idx\"") - 2));
        assertEquals(List.of("CREATE INDEX \"name_gin\" ON \"shop_product\" USING gin (\"name\" gin_trgm_ops)"), at(s, "name_gin"));
        assertEquals(List.of("ALTER INDEX \"price_name_idx\" RENAME TO \"by_price\""), at(s, "RenameIndex"));
        assertEquals(List.of("DROP INDEX IF EXISTS \"cheap_idx\""), at(s, "RemoveIndex"));
        assertTrue(s.transactional());
    }

    @Test
    void concurrentIndexOperationsInANonAtomicMigrationRunOutsideATransaction() {
        MigrationScript s = change(migration("from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently", """
                atomic = False

                operations = [
                    AddIndexConcurrently(model_name="product", index=models.Index(fields=["name"], name="name_idx")),
                    RemoveIndexConcurrently(model_name="product", name="name_idx"),
                ]
                """));
        assertEquals(List.of("CREATE INDEX CONCURRENTLY \"name_idx\" ON \"shop_product\" (\"name\")"), at(s, "AddIndexConcurrently(model"));
        assertEquals(List.of("DROP INDEX CONCURRENTLY IF EXISTS \"name_idx\""), at(s, "RemoveIndexConcurrently(model"));
        assertTrue(s.operations().stream().noneMatch(Operation::transactional));
    }

    @Test
    void constraintsAndTheNotValidRoute() {
        MigrationScript s = change(migration("from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint", """
                operations = [
                    migrations.AddConstraint(
                        model_name="product",
                        constraint=models.CheckConstraint(condition=models.Q(price__gte=0), name="price_not_negative"),
                    ),
                    migrations.AddConstraint(
                        model_name="product",
                        constraint=models.UniqueConstraint(fields=["name", "category"], name="unique_name_per_category"),
                    ),
                    migrations.AddConstraint(
                        model_name="product",
                        constraint=models.UniqueConstraint(fields=["name"], condition=models.Q(category="gift"), name="one_gift_name"),
                    ),
                    AddConstraintNotValid(
                        model_name="product",
                        constraint=models.CheckConstraint(check=models.Q(price__lt=100000) | models.Q(category="car"), name="sane_price"),
                    ),
                    ValidateConstraint(model_name="product", name="sane_price"),
                    migrations.RemoveConstraint(model_name="product", name="one_gift_name"),
                    migrations.RemoveConstraint(model_name="product", name="price_not_negative"),
                ]
                """));
        List<String> all = DjangoProject.sql(s);
        assertEquals(List.of(
                "ALTER TABLE \"shop_product\" ADD CONSTRAINT \"price_not_negative\" CHECK (\"price\" >= 0)",
                "ALTER TABLE \"shop_product\" ADD CONSTRAINT \"unique_name_per_category\" UNIQUE (\"name\", \"category\")",
                "CREATE UNIQUE INDEX \"one_gift_name\" ON \"shop_product\" (\"name\") WHERE \"category\" = 'gift'",
                "ALTER TABLE \"shop_product\" ADD CONSTRAINT \"sane_price\" CHECK ((\"price\" < 100000 OR \"category\" = 'car')) NOT VALID",
                "ALTER TABLE \"shop_product\" VALIDATE CONSTRAINT \"sane_price\"",
                "DROP INDEX IF EXISTS \"one_gift_name\"",
                "ALTER TABLE \"shop_product\" DROP CONSTRAINT \"price_not_negative\""), all);
    }

    @Test
    void togetherOptionsGetDjangosHashedNames() {
        MigrationScript s = change(migration("", """
                operations = [
                    migrations.AlterUniqueTogether(name="product", unique_together={("name", "category")}),
                    migrations.AlterIndexTogether(name="product", index_together={("category", "price")}),
                    migrations.AlterUniqueTogether(name="product", unique_together=set()),
                ]
                """));
        assertEquals(List.of(
                "ALTER TABLE \"shop_product\" ADD CONSTRAINT \"shop_product_name_category_5628881b_uniq\" UNIQUE (\"name\", \"category\")",
                "CREATE INDEX \"shop_product_category_price_6733583b_idx\" ON \"shop_product\" (\"category\", \"price\")",
                "ALTER TABLE \"shop_product\" DROP CONSTRAINT \"shop_product_name_category_5628881b_uniq\""), DjangoProject.sql(s));
    }

    @Test
    void renamesAndDeletesOfModels() {
        MigrationScript s = change(migration("", """
                operations = [
                    migrations.RenameModel(old_name="Product", new_name="Article"),
                    migrations.AlterModelTable(name="article", table="catalogue_article"),
                    migrations.AlterModelOptions(name="article", options={"ordering": ["name"]}),
                    migrations.DeleteModel(name="Article"),
                ]
                """));
        assertEquals(List.of("ALTER TABLE \"shop_product\" RENAME TO \"shop_article\"",
                "ALTER TABLE \"shop_article\" RENAME TO \"catalogue_article\"",
                "DROP TABLE \"catalogue_article\" CASCADE"), DjangoProject.sql(s));
    }

    @Test
    void separateDatabaseAndStateSendsOnlyTheDatabaseOperations() {
        MigrationScript s = change(migration("", """
                operations = [
                    migrations.SeparateDatabaseAndState(
                        state_operations=[
                            migrations.RenameField(model_name="product", old_name="name", new_name="title"),
                            migrations.AlterField(model_name="product", name="title", field=models.CharField(max_length=100, db_column="name")),
                        ],
                        database_operations=[
                            migrations.AddField(model_name="product", name="stock", field=models.IntegerField(null=True)),
                        ],
                    ),
                    migrations.AddIndex(model_name="product", index=models.Index(fields=["title"], name="title_idx")),
                ]
                """));
        assertEquals(List.of("ALTER TABLE \"shop_product\" ADD COLUMN \"stock\" integer NULL"), at(s, "name=\"stock\""));
        // the state says the field is `title` on column `name`: the index is on the column
        assertEquals(List.of("CREATE INDEX \"title_idx\" ON \"shop_product\" (\"name\")"), at(s, "title_idx"));
        assertEquals(2, DjangoProject.sql(s).size());
    }

    @Test
    void runSqlStatementsSitOnTheirOwnLinesAndReverseSqlNeverRunsForward() {
        MigrationScript s = change(migration("", """
                operations = [
                    migrations.RunSQL(
                        sql=\"\"\"
                        CREATE INDEX CONCURRENTLY shop_product_lower_name ON shop_product (lower(name));
                        UPDATE shop_product SET category = 'misc' WHERE category = '';
                        \"\"\",
                        reverse_sql="DROP INDEX shop_product_lower_name",
                    ),
                    migrations.RunSQL(migrations.RunSQL.noop, reverse_sql=migrations.RunSQL.noop),
                    migrations.RunSQL(["SELECT 1", ("UPDATE shop_product SET price = %s", [0])]),
                ]
                """));
        int create = line(s.content(), "CREATE INDEX CONCURRENTLY");
        Operation index = s.operations().get(0);
        assertEquals(create, index.span().startLine());
        assertEquals(List.of("CREATE INDEX CONCURRENTLY shop_product_lower_name ON shop_product (lower(name))"), index.sql());
        assertEquals(create + 1, s.operations().get(1).span().startLine());
        assertEquals(List.of("SELECT 1", "UPDATE shop_product SET price = %s"),
                s.operations().subList(2, 4).stream().flatMap(o -> o.sql().stream()).toList());
        assertEquals(4, s.operations().size());
        assertFalse(DjangoProject.sql(s).stream().anyMatch(q -> q.contains("DROP INDEX")));
    }

    @Test
    void whatCannotBeTranslatedSaysWhyAtItsLines() {
        MigrationScript s = change(migration("import colorfield.fields\nimport myapp.ops", """
                operations = [
                    migrations.RunPython(code=forwards),
                    myapp.ops.LoadFixture("products.json"),
                    migrations.AddField(model_name="product", name="colour", field=colorfield.fields.ColorField(default="#fff", max_length=7)),
                    migrations.AddField(model_name="product", name="blob", field=myapp.ops.Blob()),
                ]
                """));
        Operation python = s.operations().get(0);
        assertEquals(line(s.content(), "RunPython"), python.span().startLine());
        assertTrue(python.sql().isEmpty());
        assertTrue(python.untranslated().startsWith("RunPython runs `forwards`"), python.untranslated());
        Operation custom = s.operations().get(1);
        assertTrue(custom.untranslated().contains("`myapp.ops.LoadFixture` is not a Django operation"), custom.untranslated());
        Operation colour = s.operations().get(2);
        assertEquals(List.of("ALTER TABLE \"shop_product\" ADD COLUMN \"colour\" varchar(7) DEFAULT '#fff' NOT NULL",
                "ALTER TABLE \"shop_product\" ALTER COLUMN \"colour\" DROP DEFAULT"), colour.sql());
        assertTrue(colour.written().endsWith("[column type of ColorField guessed as CharField: varchar(7)]"), colour.written());
        Operation blob = s.operations().get(3);
        assertTrue(blob.sql().isEmpty());
        assertTrue(blob.untranslated().contains("`myapp.ops.Blob` is not a Django field"), blob.untranslated());
    }

    @Test
    void extensions() {
        MigrationScript s = change(migration("from django.contrib.postgres.operations import CreateExtension, HStoreExtension, TrigramExtension", """
                operations = [
                    CreateExtension("postgis"),
                    HStoreExtension(),
                    TrigramExtension(),
                ]
                """));
        assertEquals(List.of("CREATE EXTENSION IF NOT EXISTS \"postgis\"", "CREATE EXTENSION IF NOT EXISTS \"hstore\"",
                "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\""), DjangoProject.sql(s));
    }

    @Test
    void longNamesAreCutAndHashedAsDjangoDoes() {
        DjangoNames postgres = new DjangoNames(63);
        // as `sqlmigrate auth 0001` prints it on PostgreSQL
        assertEquals("auth_permission_content_type_id_2f476e4b_fk_django_co",
                postgres.foreignKey("auth_permission", "content_type_id", "django_content_type", "id"));
        assertEquals("auth_permission_content_type_id_2f476e4b", postgres.index("auth_permission", List.of("content_type_id"), ""));
        String table = postgres.truncate("inventory_" + "x".repeat(70));
        assertEquals(63, table.length());
    }

    @Test
    void beforeDjango41AutoFieldsAreSerialTypes() {
        ModelState model = new ModelState("shop", "Product", List.of(), Map.of(), List.of(), List.of());
        PythonValue.Call id = new PythonValue.Call("models.BigAutoField", List.of(), Map.of("primary_key", new PythonValue.Bool(true, "True")), 1, 1, "");
        FieldState field = new FieldState("id", id);
        assertEquals("bigserial NOT NULL PRIMARY KEY", new SchemaEditor(DjangoBackend.of(Dialect.POSTGRESQL), DjangoVersion.parse("3.2.25"))
                .definition(field, model, new ProjectState(), false, false));
        assertEquals("bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY", new SchemaEditor(DjangoBackend.of(Dialect.POSTGRESQL),
                DjangoVersion.parse("4.1")).definition(field, model, new ProjectState(), false, false));
    }

    @Test
    void mysqlColumnTypesComeFromDjangosMysqlBackend() {
        SchemaEditor mysql = new SchemaEditor(DjangoBackend.of(Dialect.MYSQL), DjangoVersion.LATEST);
        ProjectState state = new ProjectState();
        ModelState model = new ModelState("shop", "Product", List.of(), Map.of(), List.of(), List.of());
        PythonValue.Call uuid = new PythonValue.Call("models.UUIDField", List.of(), Map.of(), 1, 1, "");
        PythonValue.Call text = new PythonValue.Call("models.TextField", List.of(), Map.of("default", new PythonValue.Str("", "\"\"")), 1, 1, "");
        PythonValue.Call id = new PythonValue.Call("models.BigAutoField", List.of(), Map.of("primary_key", new PythonValue.Bool(true, "True")), 1, 1, "");
        assertEquals("char(32) NOT NULL", mysql.definition(new FieldState("token", uuid), model, state, true, true));
        // MySQL cannot give a TEXT column a literal default: Django leaves it out
        assertEquals("longtext NOT NULL", mysql.definition(new FieldState("notes", text), model, state, true, true));
        assertEquals("bigint AUTO_INCREMENT NOT NULL PRIMARY KEY", mysql.definition(new FieldState("id", id), model, state, false, false));
        assertEquals("`shop_product`", mysql.q("shop_product"));
    }
}
