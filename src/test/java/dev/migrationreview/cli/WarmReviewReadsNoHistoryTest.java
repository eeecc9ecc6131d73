package dev.migrationreview.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.RepositoryChangeReviewer;
import dev.migrationreview.analysis.Report;
import dev.migrationreview.fetch.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the replayed history in the on-disk cache, a review reads the change's files and not the history's: reading
 * and naming 800 files was a fifth of a warm review (docs/performance.md). Nothing it reports changes for it.
 */
class WarmReviewReadsNoHistoryTest {
    private static final int HISTORY = 40;

    @TempDir
    Path repo;
    @TempDir
    Path cache;

    @Test
    void aSecondReviewAgainstTheSameBaseReadsOnlyTheChange() throws Exception {
        TestGit git = new TestGit(repo);
        git.init();
        for (int i = 1; i <= HISTORY; i++) {
            git.write("db/migration/V" + i + "__step.sql", "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, note text);\n");
        }
        String base = git.commit("history");
        git.write("db/migration/V" + (HISTORY + 1) + "__change.sql", "ALTER TABLE t7 ALTER COLUMN note SET NOT NULL;\n");
        String head = git.commit("change");

        Review cold = review(base, head);
        Review warm = review(base, head);
        assertTrue(cold.historyRead() >= HISTORY, "the first review replays, reading the history: " + cold.read());
        assertEquals(List.of("db/migration/V" + (HISTORY + 1) + "__change.sql"), warm.read().stream().filter(p -> p.endsWith(".sql")).toList(),
                "the second reads the change's file only");
        assertEquals(cold.report(), warm.report());
        List<String> rules = warm.report().files().get(0).statements().stream().flatMap(s -> s.findings().stream()).map(f -> f.rule()).toList();
        assertTrue(rules.contains("set-not-null-scan"), "the cached schema knows t7.note: " + rules);
    }

    /** A history file that is not UTF-8 is named in every review's notes, so a replay that read one is never cached. */
    @Test
    void aHistoryThatIsNotUtf8IsReplayedEveryTimeAndNamedEveryTime() throws Exception {
        TestGit git = new TestGit(repo);
        git.init();
        git.write("db/migration/V1__one.sql", "CREATE TABLE t1 (id bigint PRIMARY KEY, note text);\n");
        Files.write(repo.resolve("db/migration/V2__latin1.sql"), "-- caf\u00e9\nCREATE TABLE t2 (id int);\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String base = git.commit("history");
        git.write("db/migration/V3__change.sql", "ALTER TABLE t1 ALTER COLUMN note SET NOT NULL;\n");
        String head = git.commit("change");

        Review cold = review(base, head);
        Review warm = review(base, head);
        assertTrue(warm.read().contains("db/migration/V2__latin1.sql"), "replayed again: " + warm.read());
        assertTrue(warm.report().notes().stream().anyMatch(n -> n.startsWith("db/migration/V2__latin1.sql: not UTF-8")), warm.report().notes().toString());
        assertEquals(cold.report(), warm.report());
    }

    private record Review(Report report, List<String> read) {
        long historyRead() {
            return read.stream().filter(p -> p.matches("db/migration/V\\d+__step\\.sql")).count();
        }
    }

    private Review review(String base, String head) throws Exception {
        GitRepository git = new GitRepository(repo);
        List<String> read = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, String> texts = new ConcurrentHashMap<>();
        try (EngineContext engine = new EngineContext(Optional.empty(), Optional.of(new DiskReplayCache(cache, "build")));
             GitRepositoryFiles baseFiles = new GitRepositoryFiles(git, base, texts);
             GitRepositoryFiles headFiles = new GitRepositoryFiles(git, head, texts)) {
            RepositoryChangeReviewer reviewer = engine.beans().getBean(RepositoryChangeReviewer.class);
            Report report = reviewer.reviewWith(counted(baseFiles, read), counted(headFiles, read), git.changedPaths(base, head),
                    Optional.empty()).report();
            return new Review(report, List.copyOf(read));
        }
    }

    /** The files, with every path read noted. */
    private static RepositoryFiles counted(GitRepositoryFiles files, List<String> read) {
        return new RepositoryFiles() {
            @Override
            public List<String> paths() {
                return files.paths();
            }

            @Override
            public Optional<String> read(String path) throws IOException {
                read.add(path);
                return files.read(path);
            }

            @Override
            public Optional<String> contentId(String path) {
                return files.contentId(path);
            }

            @Override
            public List<Problem> problems() {
                return files.problems();
            }
        };
    }
}
