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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * django-migration-linter's documented incompatibility codes (docs/comparison.md, Django), each as the Django
 * operation that triggers it, reviewed against an {@code orders.Order} model: the rule named in the comparison fires
 * on the operation's lines.
 */
class DjangoLinterChecksTest {
    private static final String INITIAL = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                initial = True

                operations = [
                    migrations.CreateModel(
                        name="Order",
                        fields=[
                            ("id", models.BigAutoField(primary_key=True, serialize=False)),
                            ("status", models.CharField(max_length=10)),
                            ("note", models.CharField(max_length=100, null=True)),
                            ("total", models.IntegerField()),
                        ],
                    ),
                    migrations.AddIndex(
                        model_name="order",
                        index=models.Index(fields=["status"], name="orders_status_idx"),
                    ),
                ]
            """;
    private static final String CONFIG = "tables:\n  orders_order: { rows: 5000000 }\n";

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

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "NOT_NULL       | migrations.AddField(model_name='order', name='priority', field=models.IntegerField(default=0)) | drop-column-default",
            "DROP_COLUMN    | migrations.RemoveField(model_name='order', name='note') | drop-column",
            "DROP_TABLE     | migrations.DeleteModel(name='Order') | drop-table",
            "RENAME_COLUMN  | migrations.RenameField(model_name='order', old_name='note', new_name='remark') | rename-column",
            "RENAME_TABLE   | migrations.RenameModel(old_name='Order', new_name='Purchase') | rename-table",
            "ALTER_COLUMN   | migrations.AlterField(model_name='order', name='total', field=models.CharField(max_length=20)) | alter-column-type-rewrite",
            "ALTER_COLUMN   | migrations.AlterField(model_name='order', name='note', field=models.CharField(max_length=100, default='')) | set-not-null-scan",
            "ADD_UNIQUE     | migrations.AlterField(model_name='order', name='status', field=models.CharField(max_length=10, unique=True)) | add-unique-constraint-without-index",
            "CREATE_INDEX   | migrations.AddIndex(model_name='order', index=models.Index(fields=['total'], name='orders_total_idx')) | create-index-non-concurrent",
            "DROP_INDEX     | migrations.RemoveIndex(model_name='order', name='orders_status_idx') | drop-index-non-concurrent",
            "REINDEX        | migrations.RunSQL('REINDEX INDEX orders_status_idx') | reindex-non-concurrent",
    })
    void theLintersCheckIsARuleOnTheOperationsLines(String code, String operation, String rule) {
        String change = "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
                + "    dependencies = [(\"orders\", \"0001_initial\")]\n\n    operations = [\n        " + operation + ",\n    ]\n";
        ReviewConfig config = new YamlConfigLoader().parse("c.yml", CONFIG);
        List<MigrationScript> scripts = new DjangoProject().config(config).migration("orders", "0001_initial", INITIAL)
                .migration("orders", "0002_change", change).scripts();
        assertEquals(2, scripts.size(), scripts.toString());
        List<Finding> findings = engine.review(config, scripts.subList(0, 1), scripts.subList(1, 2), Optional.empty()).files().stream()
                .flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream).toList();
        List<Finding> fired = findings.stream().filter(f -> f.rule().equals(rule)).toList();
        assertTrue(!fired.isEmpty(), code + ": expected " + rule + " in " + findings.stream().map(Finding::rule).toList()
                + " for " + scripts.get(1).operations());
        assertTrue(fired.stream().allMatch(f -> f.line() == 8), code + ": on the operation's line 8: " + fired);
    }
}
