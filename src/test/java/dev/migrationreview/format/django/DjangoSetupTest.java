package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.fetch.InMemoryRepositoryFiles;
import dev.migrationreview.format.DialectEvidence;
import dev.migrationreview.format.LayoutMigrationFinder;
import dev.migrationreview.sql.Dialect;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a Django project's own files say: backend, release, user model, app labels. */
class DjangoSetupTest {
    private static final String MIGRATION = "shop/orders/migrations/0001_initial.py";

    private static DjangoSetup setup(String... pathsAndContents) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        files.putIfAbsent(MIGRATION, "class Migration(migrations.Migration):\n    operations = []\n");
        return DjangoSetup.read(new InMemoryRepositoryFiles(files), List.of(MIGRATION));
    }

    @Test
    void theEngineOfTheDefaultDatabase() throws IOException {
        DjangoSetup s = setup("shop/shop/settings.py", """
                DATABASES = {
                    "default": {
                        "ENGINE": "django.db.backends.postgresql",
                        "NAME": "shop",
                    },
                    "analytics": {"ENGINE": "django.db.backends.mysql"},
                }
                AUTH_USER_MODEL = "accounts.User"
                """);
        assertEquals(Optional.of(Dialect.POSTGRESQL), s.backend());
        assertEquals("django.db.backends.postgresql", s.engines().get(0).engine());
        assertEquals("shop/shop/settings.py", s.engines().get(0).path());
        assertEquals(Map.of("AUTH_USER_MODEL", "accounts.User"), s.swappableModels());
        assertEquals(Map.of("AUTH_USER_MODEL", "accounts"), s.swappableApps());
    }

    @Test
    void aDatabaseUrlWithADefaultGivesItsScheme() throws IOException {
        DjangoSetup s = setup("saleor/settings.py", """
                import dj_database_url
                DEFAULT_NAME = "default"
                DATABASES = {
                    DEFAULT_NAME: dj_database_url.config(default="mysql://shop:shop@localhost:3306/shop", conn_max_age=600),
                }
                """);
        assertEquals(Optional.of(Dialect.MYSQL), s.backend());
        assertEquals(4, s.engines().get(0).line());
    }

    @Test
    void settingsThatPickTheBackendFromTheEnvironmentDecideNothing() throws IOException {
        DjangoSetup s = setup("hc/settings.py", """
                import os
                DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "hc.sqlite"}}
                if os.getenv("DB") == "postgres":
                    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
                if os.getenv("DB") in ["mysql", "mariadb"]:
                    DATABASES = {"default": {"ENGINE": "django.db.backends.mysql"}}
                """);
        assertEquals(3, s.engines().size(), s.engines().toString());
        assertEquals(Optional.empty(), s.backend(), "PostgreSQL or MySQL by environment: config decides");
    }

    @Test
    void sqliteOnlyIsNoBackendToReviewAndAnEngineBuiltAtRunTimeIsSaid() throws IOException {
        assertEquals(Optional.empty(), setup("settings.py", "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n").backend());
        DjangoSetup built = setup("settings.py", "import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.' + os.environ['DB']}}\n");
        assertEquals(Optional.empty(), built.backend());
        assertEquals(1, built.problems().size());
        assertTrue(built.problems().get(0).startsWith("settings.py:2: DATABASES"), built.problems().toString());
    }

    @Test
    void theReleaseComesFromTheDependencyFiles() throws IOException {
        DjangoSetup s = setup("requirements.txt", "Django>=4.2,<5\n", "poetry.lock", "[[package]]\nname = \"django\"\nversion = \"4.2.16\"\n");
        assertEquals(new DjangoRelease("4.2.16", "poetry.lock", true), s.release());
        assertEquals(DjangoRelease.DEFAULT, setup().release());
    }

    @Test
    void anAppConfigLabelNamesTheApp() throws IOException {
        DjangoSetup s = setup("shop/orders/apps.py", """
                from django.apps import AppConfig


                class OrdersConfig(AppConfig):
                    name = "shop.orders"
                    label = "shop_orders"
                """);
        assertEquals("shop_orders", s.appLabel(MIGRATION));
        assertEquals("billing", s.appLabel("billing/migrations/0001_initial.py"));
    }

    @Test
    void theSettingsBackendIsTheRepositorysDialectWhenConfigNamesNone() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MIGRATION, "class Migration(migrations.Migration):\n    operations = []\n");
        files.put("shop/settings.py", "DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'shop'}}\n");
        Optional<DialectEvidence> evidence = new LayoutMigrationFinder().detectDialect(new InMemoryRepositoryFiles(files),
                ReviewConfig.defaults());
        assertEquals(Optional.of(new DialectEvidence(Dialect.MYSQL, "shop/settings.py", "ENGINE django.db.backends.mysql")), evidence);
        files.remove(MIGRATION);
        assertEquals(Optional.empty(), new LayoutMigrationFinder().detectDialect(new InMemoryRepositoryFiles(files), ReviewConfig.defaults()),
                "settings without Django migrations say nothing about the migrations' database");
    }

    @Test
    void settingsModulesAreKnownByName() {
        assertTrue(DjangoSetup.isSettings("shop/settings.py"));
        assertTrue(DjangoSetup.isSettings("config/settings/production.py"));
        assertTrue(DjangoSetup.isSettings("netbox/netbox/configuration_example.py"));
        assertFalse(DjangoSetup.isSettings("hc/integrations/trello/tests/test_settings.py"));
        assertFalse(DjangoSetup.isSettings("shop/orders/views.py"));
    }
}
