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

    /**
     * A folder's files are asked of git in one round trip: each still reads as itself, in any order, and a file read
     * ahead that is not UTF-8 is named only once something reads it.
     */
    @Test
    void filesReadAheadReadAsThemselvesAndNameTheirProblemsWhenRead() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        for (int i = 1; i <= 150; i++) {
            git.write("db/migration/V" + i + "__step.sql", "CREATE TABLE t" + i + " (id int);\n");
        }
        git.write("db/migration/V151__same.sql", "CREATE TABLE t1 (id int);\n");
        Files.write(dir.resolve("db/migration/V152__latin1.sql"), new byte[] {'-', '-', ' ', (byte) 0xE9, '\n'});
        git.write("db/migration/notes.txt", "not SQL\n");
        String commit = git.commit("many");

        GitRepository repo = new GitRepository(dir);
        try (GitRepositoryFiles files = new GitRepositoryFiles(repo, commit)) {
            for (int i = 150; i >= 1; i -= 7) {
                assertEquals(Optional.of("CREATE TABLE t" + i + " (id int);\n"), files.read("db/migration/V" + i + "__step.sql"));
            }
            for (int i = 1; i <= 150; i++) {
                assertEquals(Optional.of("CREATE TABLE t" + i + " (id int);\n"), files.read("db/migration/V" + i + "__step.sql"));
            }
            assertEquals(Optional.of("CREATE TABLE t1 (id int);\n"), files.read("db/migration/V151__same.sql"));
            assertEquals(List.of(), files.problems(), "read ahead, not yet read");
            assertEquals(Optional.of("-- \uFFFD\n"), files.read("db/migration/V152__latin1.sql"));
            assertEquals(1, files.problems().size());
            assertTrue(files.problems().get(0).message().startsWith("db/migration/V152__latin1.sql: not UTF-8"), files.problems().toString());
            assertEquals(Optional.of("not SQL\n"), files.read("db/migration/notes.txt"));
        }
    }

    @Test
    void aDirectoryOutsideGitIsAnInputError() throws Exception {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        InputException e = assertThrows(InputException.class, () -> new GitRepository(plain));
        assertTrue(e.getMessage().contains("not a git repository"), e.getMessage());
    }

    /** Refs resolved up front answer as one by one; a ref that names no commit leaves every ref to be resolved alone. */
    @Test
    void refsResolvedWithTheRepositoryCheckAnswerAsOneByOne() throws Exception {
        TestGit git = new TestGit(dir);
        git.init();
        git.write("a.sql", "select 1;\n");
        String first = git.commit("first");
        git.write("b.sql", "select 2;\n");
        String second = git.commit("second");

        GitRepository together = new GitRepository(dir, List.of("HEAD~1", "HEAD"));
        assertEquals(Optional.of(first), together.resolve("HEAD~1"));
        assertEquals(Optional.of(second), together.resolve("HEAD"));
        assertEquals(Optional.empty(), together.resolve("no-such-branch"));
        for (List<String> refs : List.of(List.of("no-such-branch", "HEAD"), List.of("HEAD~1..HEAD", "HEAD"),
                List.of("^HEAD", "HEAD"), List.of("-x", "HEAD"), List.of("a.sql", "HEAD"))) {
            GitRepository alone = new GitRepository(dir, refs);
            assertEquals(new GitRepository(dir).resolve(refs.get(0)), alone.resolve(refs.get(0)), refs.toString());
            assertEquals(Optional.of(second), alone.resolve("HEAD"), refs.toString());
        }
        Path plain = Files.createTempDirectory("not-a-repo");
        InputException e = assertThrows(InputException.class, () -> new GitRepository(plain, List.of("HEAD")));
        assertTrue(e.getMessage().contains("not a git repository"), e.getMessage());
    }
}
