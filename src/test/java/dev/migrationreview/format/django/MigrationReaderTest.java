package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.django.DjangoMigration.Dependency;
import dev.migrationreview.format.django.DjangoMigration.MigrationKey;
import dev.migrationreview.format.django.PythonValue.Str;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Migration class read with tree-sitter: graph attributes, operations at their lines, and what cannot be read. */
class MigrationReaderTest {
    private final MigrationReader reader = new MigrationReader();

    @Test
    void graphAttributesAndOperationSpans() {
        DjangoMigration m = reader.read("shop/orders/migrations/0003_squashed.py", """
                # -*- coding: utf-8 -*-
                from django.conf import settings
                from django.db import migrations, models

                TABLE_SQL = "CREATE TABLE audit (id bigint)"


                class Migration(migrations.Migration):
                    replaces = [("orders", "0001_initial"), ("orders", "0002_status")]
                    initial = True
                    atomic = False
                    dependencies = [
                        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
                        ("customers", "0004_größe"),
                    ]
                    run_before = [("billing", "0001_initial")]

                    operations = [
                        migrations.AlterModelOptions(name="order", options={"verbose_name": "Bestellung – ünïcödé"}),
                        migrations.RunSQL(TABLE_SQL),
                    ]
                """);
        assertNull(m.problem());
        assertEquals(new MigrationKey("orders", "0003_squashed"), m.key());
        assertEquals(8, m.classLine());
        assertEquals(List.of(new MigrationKey("orders", "0001_initial"), new MigrationKey("orders", "0002_status")), m.replaces());
        assertEquals(Boolean.TRUE, m.initial());
        assertFalse(m.atomic());
        assertEquals(List.of(new Dependency(new MigrationKey("auth", "__first__"), "AUTH_USER_MODEL", 13),
                new Dependency(new MigrationKey("customers", "0004_größe"), null, 14)), m.dependencies());
        assertEquals(List.of(new MigrationKey("billing", "0001_initial")), m.runBefore());
        assertEquals(2, m.operations().size());
        // the multi-byte characters on line 19 do not shift the next operation's line
        assertEquals(19, m.operations().get(0).span().startLine());
        assertEquals(20, m.operations().get(1).span().startLine());
        assertEquals("RunSQL", m.operations().get(1).name());
        assertEquals("CREATE TABLE audit (id bigint)", ((Str) m.operations().get(1).call().args().get(0)).value());
    }

    @Test
    void aFileThatIsNotValidPythonSaysWhere() {
        DjangoMigration m = reader.read("app/migrations/0002_broken.py", """
                from django.db import migrations


                class Migration(migrations.Migration):
                    operations = [
                        migrations.RunSQL("SELECT 1"),
                        migrations.RunSQL("SELECT 2"
                    ]
                """);
        assertTrue(m.problem() != null && m.problem().startsWith("line "), String.valueOf(m.problem()));
    }

    @Test
    void aFileWithoutAMigrationClassIsSaidSo() {
        DjangoMigration m = reader.read("app/migrations/helpers.py", "def forwards(apps, schema_editor):\n    pass\n");
        assertEquals("no `class Migration(migrations.Migration)` in this file", m.problem());
        assertTrue(m.operations().isEmpty());
    }

    @Test
    void stringsWithEscapesConcatenationAndRawPrefixes() {
        PythonSource source = PythonSource.parse("x = ('a\\'b\\n' 'c')\ny = r'\\d+'\nz = f'{x}'\n");
        source.rememberModuleAssignments();
        PythonValue x = source.value(source.root().getNamedChild(0).getNamedChild(0).getChildByFieldName("right"));
        assertEquals("a'b\nc", ((Str) x).value());
        PythonValue y = source.value(source.root().getNamedChild(1).getNamedChild(0).getChildByFieldName("right"));
        assertEquals("\\d+", ((Str) y).value());
        PythonValue z = source.value(source.root().getNamedChild(2).getNamedChild(0).getChildByFieldName("right"));
        assertTrue(z instanceof PythonValue.Other, z.toString());
    }
}
