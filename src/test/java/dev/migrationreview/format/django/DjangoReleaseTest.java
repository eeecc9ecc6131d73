package dev.migrationreview.format.django;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DjangoReleaseTest {

    @Test
    void aRequirementsPinIsExact() {
        DjangoRelease r = DjangoRelease.of("requirements.txt", "# web\nDjango==4.2.7 \\\n    --hash=sha256:abc\ndjango-environ==0.11.2\n").orElseThrow();
        assertEquals(new DjangoRelease("4.2.7", "requirements.txt", true), r);
        assertEquals(4, r.major());
        assertEquals(2, r.minor());
        assertFalse(r.atLeast(5, 0));
    }

    @Test
    void aRangeGivesItsLowestRelease() {
        assertEquals(Optional.of(new DjangoRelease("4.2", "requirements/base.txt", false)),
                DjangoRelease.of("requirements/base.txt", "djangorestframework>=3.14\nDjango[argon2]>=4.2,<5.0 ; python_version >= \"3.10\"\n"));
        assertEquals(Optional.of(new DjangoRelease("5.0", "requirements.in", false)), DjangoRelease.of("requirements.in", "django~=5.0\n"));
    }

    @Test
    void pyprojectDependenciesInEitherStyle() {
        assertEquals("5.1", DjangoRelease.of("pyproject.toml",
                "[project]\nname = \"shop\"\ndependencies = [\"Django>=5.1\", \"psycopg[binary]\"]\n").orElseThrow().version());
        assertEquals("4.2", DjangoRelease.of("pyproject.toml",
                "[tool.poetry.dependencies]\npython = \"^3.11\"\nDjango = {version = \"^4.2\", extras = [\"argon2\"]}\n").orElseThrow().version());
        assertEquals("3.2", DjangoRelease.of("pyproject.toml", "[tool.poetry.dependencies]\ndjango = \"^3.2\"\n").orElseThrow().version());
    }

    @Test
    void locksNameTheExactRelease() {
        String lock = "[[package]]\nname = \"dj-database-url\"\nversion = \"2.1.0\"\n\n[[package]]\nname = \"django\"\nversion = \"5.0.6\"\n"
                + "description = \"A high-level Python web framework\"\n";
        assertEquals(new DjangoRelease("5.0.6", "uv.lock", true), DjangoRelease.of("uv.lock", lock).orElseThrow());
        assertEquals(new DjangoRelease("5.0.6", "poetry.lock", true), DjangoRelease.of("poetry.lock", lock).orElseThrow());
        assertTrue(DjangoRelease.of("poetry.lock", "[[package]]\nname = \"django-filter\"\nversion = \"24.1\"\n").isEmpty());
    }

    @Test
    void theLockBeatsAPinAndAPinBeatsARange() {
        DjangoRelease range = new DjangoRelease("4.2", "requirements.txt", false);
        DjangoRelease pin = new DjangoRelease("4.2.9", "requirements/prod.txt", true);
        DjangoRelease lock = new DjangoRelease("4.2.11", "poetry.lock", true);
        assertEquals(lock, DjangoRelease.best(List.of(range, pin, lock)));
        assertEquals(pin, DjangoRelease.best(List.of(range, pin)));
        assertEquals(DjangoRelease.DEFAULT, DjangoRelease.best(List.of()));
    }

    @Test
    void dependencyFilesAreKnownByName() {
        assertTrue(DjangoRelease.isDependencyFile("requirements-dev.txt"));
        assertTrue(DjangoRelease.isDependencyFile("uv.lock"));
        assertFalse(DjangoRelease.isDependencyFile("Pipfile"));
    }
}
