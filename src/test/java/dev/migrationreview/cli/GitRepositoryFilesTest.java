package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsFilesAsOfEachCommitAndTheChangeBetweenThem() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        git.write("README.md", "héllo\n");
        String first = git.commit("first");
        git.write("db/migration/V1__init.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
        git.write("db/migration/V2__idx.sql", "CREATE INDEX orders_note ON orders (note);\n");
        String second = git.commit("second");

        GitRepository repo = new GitRepository(dir);
        assertEquals(Optional.of(second), repo.resolve("HEAD"));
        assertEquals(Optional.empty(), repo.resolve("no-such-branch"));
        assertEquals(List.of("db/migration/V1__init.sql", "db/migration/V2__idx.sql"), repo.changedPaths(first, second));

        try (GitRepositoryFiles atFirst = new GitRepositoryFiles(repo, first);
             GitRepositoryFiles atSecond = new GitRepositoryFiles(repo, second)) {
            assertEquals(List.of("README.md", "db/migration/V1__init.sql"), atFirst.paths());
            assertEquals(Optional.of("héllo\n"), atFirst.read("README.md"));
            assertEquals(Optional.of("CREATE TABLE orders (id bigint PRIMARY KEY);\n"), atFirst.read("db/migration/V1__init.sql"));
            assertEquals(Optional.empty(), atFirst.read("db/migration/V2__idx.sql"));
            assertEquals(Optional.empty(), atFirst.read("db/migration"));
            assertTrue(atSecond.read("db/migration/V1__init.sql").orElseThrow().contains("note text"));
            assertEquals(Optional.of("CREATE INDEX orders_note ON orders (note);\n"), atSecond.read("db/migration/V2__idx.sql"));
        }
    }

    @Test
    void aDirectoryOutsideGitIsAnInputError() throws Exception {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        InputException e = assertThrows(InputException.class, () -> new GitRepository(plain));
        assertTrue(e.getMessage().contains("not a git repository"), e.getMessage());
    }
}
