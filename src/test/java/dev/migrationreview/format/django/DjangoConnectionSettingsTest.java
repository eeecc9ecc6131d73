package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.Report;
import dev.migrationreview.analysis.ReviewEngine;
import dev.migrationreview.analysis.StatementReport;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.YamlConfigLoader;
import dev.migrationreview.format.ConnectionSetting;
import dev.migrationreview.format.MigrationScript;
import io.micronaut.context.BeanContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings whose {@code DATABASES} {@code OPTIONS} set the lock wait limit on every connection (libpq's {@code options},
 * MySQL's {@code init_command}) are not told, on every migration, to set one: the review counts it as set.
 */
class DjangoConnectionSettingsTest {
    private static final String ADD_INDEX = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0001_initial")]

                operations = [
                    migrations.AddIndex(
                        model_name="order",
                        index=models.Index(fields=["status"], name="order_status_idx"),
                    ),
                ]
            """;

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

    private static String settings(String engineName, String options) {
        return """
                DEBUG = False

                DATABASES = {
                    "default": {
                        "ENGINE": "%s",
                        "NAME": "shop",
                        "OPTIONS": %s,
                    }
                }
                """.formatted(engineName, options);
    }

    @Test
    void libpqOptionsSetTheLockTimeout() {
        List<MigrationScript> scripts = scripts("postgresql", settings("django.db.backends.postgresql",
                "{\"options\": \"-c lock_timeout=5s -c statement_timeout=60s\"}"));
        assertEquals(List.of(new ConnectionSetting("lock_timeout", "5s", "shop/shop/settings.py:3 (DATABASES OPTIONS options)")),
                scripts.get(1).connection());
        Report report = review("postgresql", scripts);
        assertFalse(rules(report).contains("lock-timeout-missing"), rules(report).toString());
        assertTrue(rules(report).contains("create-index-non-concurrent"), rules(report).toString());
        assertTrue(report.notes().contains("lock_timeout = 5s from shop/shop/settings.py:3 (DATABASES OPTIONS options): every"
                + " migration's connection starts with it, so the review counts it as set."), report.notes().toString());
    }

    @Test
    void withoutOptionsTheReviewAsksForALockTimeout() {
        Report report = review("postgresql", scripts("postgresql", settings("django.db.backends.postgresql", "{}")));
        assertTrue(rules(report).contains("lock-timeout-missing"), rules(report).toString());
    }

    @Test
    void mysqlInitCommandSetsTheLockWaitTimeout() {
        List<MigrationScript> scripts = scripts("mysql", settings("django.db.backends.mysql",
                "{\"init_command\": \"SET sql_mode='STRICT_TRANS_TABLES', lock_wait_timeout = 10\"}"));
        assertEquals(List.of(new ConnectionSetting("lock_wait_timeout", "10", "shop/shop/settings.py:3 (DATABASES OPTIONS init_command)")),
                scripts.get(1).connection());
        Report report = review("mysql", scripts);
        assertFalse(rules(report).contains("lock-timeout-missing"), rules(report).toString());

        Report without = review("mysql", scripts("mysql", settings("django.db.backends.mysql",
                "{\"init_command\": \"SET sql_mode='STRICT_TRANS_TABLES'\"}")));
        assertTrue(rules(without).contains("lock-timeout-missing"), rules(without).toString());
    }

    private static List<MigrationScript> scripts(String dialect, String settings) {
        ReviewConfig config = new YamlConfigLoader().parse("c.yml", "dialect: " + dialect + "\ntables:\n  orders_order: { rows: 5000000 }\n");
        List<MigrationScript> scripts = new DjangoProject().config(config).file("shop/shop/settings.py", settings)
                .migration("orders", "0001_initial", DjangoReviewTest.INITIAL).migration("orders", "0002_index", ADD_INDEX).scripts();
        assertEquals(2, scripts.size(), scripts.toString());
        return scripts;
    }

    private static Report review(String dialect, List<MigrationScript> scripts) {
        ReviewConfig config = new YamlConfigLoader().parse("c.yml", "dialect: " + dialect + "\ntables:\n  orders_order: { rows: 5000000 }\n");
        return engine.review(config, scripts.subList(0, 1), scripts.subList(1, 2), Optional.empty());
    }

    private static List<String> rules(Report report) {
        return report.files().stream().flatMap(f -> f.statements().stream()).map(StatementReport::findings).flatMap(List::stream)
                .map(f -> f.rule()).toList();
    }
}
