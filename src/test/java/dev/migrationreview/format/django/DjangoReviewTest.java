package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.MigrationScript;
import io.micronaut.context.BeanContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Django migration reviewed by the engine: findings land on the Python operation's lines, and their fixes are
 * written as Django operations.
 */
class DjangoReviewTest {
    /** The orders app's first migration: an Order model. */
    static final String INITIAL = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                initial = True

                operations = [
                    migrations.CreateModel(
                        name="Order",
                        fields=[
                            ("id", models.BigAutoField(primary_key=True, serialize=False)),
                            ("status", models.CharField(max_length=10)),
                            ("note", models.TextField(null=True)),
                        ],
                    ),
                ]
            """;
    private static final String BIG = "tables:\n  orders_order: { rows: 5000000 }\n";

    private static BeanContext context;
    private static ReviewEngine engine;

    @BeforeAll
    static void start() {
        context = BeanContext.run();
        engine = context.getBean(ReviewEngine.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static List<Finding> review(String change) {
        ReviewConfig config = new YamlConfigLoader().parse("c.yml", BIG);
        List<MigrationScript> scripts = new DjangoProject().config(config).migration("orders", "0001_initial", INITIAL)
                .migration("orders", "0002_change", change).scripts();
        assertEquals(2, scripts.size(), scripts.toString());
        return engine.review(config, scripts.subList(0, 1), scripts.subList(1, 2), Optional.empty()).files().stream()
                .flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
    }

    private static List<Finding> of(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void addIndexLocksWritesAndTheFixIsAddIndexConcurrentlyInANonAtomicMigration() {
        List<Finding> findings = of(review("""
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        migrations.AddIndex(
                            model_name="order",
                            index=models.Index(fields=["status"], name="order_status_idx"),
                        ),
                    ]
                """), "create-index-non-concurrent");
        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(8, f.line());
        assertEquals(11, f.endLine());
        assertTrue(f.fix().contains("atomic = False"), f.fix());
        assertTrue(f.fix().contains("""
                    operations = [
                        AddIndexConcurrently(
                            model_name="order",
                            index=models.Index(fields=["status"], name="order_status_idx"),
                        ),
                    ]
                """.stripTrailing()), f.fix());
    }

    @Test
    void aPythonCommentAboveAnOperationIgnoresARuleWithItsReason() {
        String migration = """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        # migration-review:ignore create-index-non-concurrent the table holds twelve rows and only we write to it
                        migrations.AddIndex(
                            model_name="order",
                            index=models.Index(fields=["status"], name="order_status_idx"),
                        ),
                    ]
                """;
        assertEquals(List.of(), of(review(migration), "create-index-non-concurrent"));
        assertEquals(1, of(review(migration.replace("# migration-review:ignore", "# note:")), "create-index-non-concurrent").size());
    }

    @Test
    void addIndexConcurrentlyInANonAtomicMigrationIsTheSafeForm() {
        List<Finding> findings = review("""
                from django.contrib.postgres.operations import AddIndexConcurrently
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    atomic = False
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        AddIndexConcurrently(
                            model_name="order",
                            index=models.Index(fields=["status"], name="order_status_idx"),
                        ),
                    ]
                """);
        assertEquals(List.of(), of(findings, "create-index-non-concurrent"));
        assertEquals(List.of(), of(findings, "concurrently-in-transaction"));
    }

    @Test
    void addIndexConcurrentlyInAnAtomicMigrationFailsAndTheFixSaysAtomicFalse() {
        List<Finding> findings = of(review("""
                from django.contrib.postgres.operations import AddIndexConcurrently
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        AddIndexConcurrently(model_name="order", index=models.Index(fields=["status"], name="order_status_idx")),
                    ]
                """), "concurrently-in-transaction");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(9, findings.get(0).line());
        assertTrue(findings.get(0).fix().contains("atomic = False"), findings.get(0).fix());
    }

    @Test
    void aDefaultDroppedRightAfterTheColumnIsAddedBreaksTheRunningCodesInserts() {
        List<Finding> findings = of(review("""
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        migrations.AddField(
                            model_name="order",
                            name="channel",
                            field=models.CharField(default="web", max_length=20),
                        ),
                    ]
                """), "drop-column-default");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(8, findings.get(0).line());
        assertTrue(findings.get(0).fix().contains("db_default"), findings.get(0).fix());
    }

    @Test
    void aForeignKeyAddedToABigTableBuildsItsIndexWithoutConcurrently() {
        List<Finding> findings = review("""
                import django.db.models.deletion
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        migrations.AddField(
                            model_name="order",
                            name="parent",
                            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to="orders.order"),
                        ),
                    ]
                """);
        List<Finding> index = of(findings, "create-index-non-concurrent");
        assertEquals(1, index.size(), findings.toString());
        assertEquals(9, index.get(0).line());
        assertTrue(index.get(0).fix().contains("db_index=False"), index.get(0).fix());
        // Django's SET CONSTRAINTS after the inline foreign key is understood SQL, not an unknown statement
        assertEquals(List.of(), of(findings, "statement-not-understood"));
    }

    @Test
    void notNullAndCheckConstraintsGetTheNotValidRouteInDjangoTerms() {
        List<Finding> findings = review("""
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        migrations.AlterField(model_name="order", name="note", field=models.TextField()),
                        migrations.AddConstraint(
                            model_name="order",
                            constraint=models.CheckConstraint(condition=models.Q(status__in=["new", "paid"]), name="known_status"),
                        ),
                    ]
                """);
        List<Finding> notNull = of(findings, "set-not-null-scan");
        assertEquals(1, notNull.size(), findings.toString());
        assertEquals(8, notNull.get(0).line());
        assertTrue(notNull.get(0).fix().contains("AddConstraintNotValid"), notNull.get(0).fix());
        List<Finding> check = of(findings, "add-check-constraint-validating");
        assertEquals(1, check.size(), findings.toString());
        assertEquals(9, check.get(0).line());
        assertTrue(check.get(0).fix().contains("AddConstraintNotValid(\n    model_name=\"order\""), check.get(0).fix());
        assertTrue(check.get(0).fix().contains("ValidateConstraint"), check.get(0).fix());
    }

    @Test
    void aRenameTheRunningCodeCannotFollowGetsSeparateDatabaseAndState() {
        List<Finding> findings = review("""
                from django.db import migrations


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        migrations.RenameField(model_name="order", old_name="status", new_name="state"),
                    ]
                """);
        List<Finding> rename = of(findings, "rename-column");
        assertEquals(1, rename.size(), findings.toString());
        assertEquals(8, rename.get(0).line());
        assertTrue(rename.get(0).fix().contains("SeparateDatabaseAndState"), rename.get(0).fix());
    }

    @Test
    void runPythonIsNotSilent() {
        List<Finding> findings = of(review("""
                from django.db import migrations


                def fill(apps, schema_editor):
                    apps.get_model("orders", "Order").objects.update(status="new")


                class Migration(migrations.Migration):
                    dependencies = [("orders", "0001_initial")]

                    operations = [
                        migrations.RunPython(fill, migrations.RunPython.noop),
                    ]
                """), "statement-not-understood");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(12, findings.get(0).line());
        assertTrue(findings.get(0).message().contains("RunPython runs `fill`"), findings.get(0).message());
    }
}
