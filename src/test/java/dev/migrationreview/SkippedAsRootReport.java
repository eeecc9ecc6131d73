package dev.migrationreview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Run as root, the real-PostgreSQL suites skip before they enumerate their cases, so Maven's summary counts
 * them as "Tests run: 0" and nothing more. This listener writes what was skipped and why to
 * {@code target/skipped-as-root.txt}, which the build prints at the end of {@code verify} (pom.xml).
 */
public final class SkippedAsRootReport implements TestExecutionListener {
    static final Path REPORT = Path.of("target", "skipped-as-root.txt");

    private final List<String> skipped = new ArrayList<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        skipped.clear();
        try {
            // left by an earlier run of the build: this run writes its own
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH);
            if (Files.exists(REPORT) && Files.getLastModifiedTime(REPORT).toInstant().isBefore(started)) {
                Files.delete(REPORT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (reason != null && reason.contains("as root")) {
            skipped.add(test.getDisplayName());
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // an assumption (in a class callback or a test) arrives as an abort, not as a skip
        if (result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().map(Throwable::getMessage).orElse("").contains("as root")) {
            skipped.add(test.getDisplayName());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            if (skipped.isEmpty()) {
                return;
            }
            Files.createDirectories(REPORT.getParent());
            // Surefire runs each test class in its own plan: keep what earlier plans of this run recorded.
            List<String> all = new ArrayList<>(Files.exists(REPORT) ? Files.readAllLines(REPORT) : List.of());
            all.addAll(skipped);
            Files.write(REPORT, all.stream().distinct().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
