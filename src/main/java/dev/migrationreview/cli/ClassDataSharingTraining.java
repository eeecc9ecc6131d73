package dev.migrationreview.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The run the build makes with {@code -XX:ArchiveClassesAtExit} to write the class-data-sharing archive that
 * {@code bin/migration-review} maps (pom.xml): the command line's usual paths one after another in one JVM, so that
 * the classes each loads are in the archive rather than read and verified from the jar on every run. {@code review}
 * runs twice against a small git repository made here, once writing the replayed-history cache and once reading it;
 * without git that part is left out and the archive still holds the rest. A command's failure is printed, never fatal:
 * a partial archive is still an archive.
 *
 * <p>Usage: {@code java -XX:SharedArchiveFile=BASE -XX:ArchiveClassesAtExit=A -cp migration-review.jar
 * dev.migrationreview.cli.ClassDataSharingTraining EXAMPLES WORK}, where BASE is the static archive holding picocli
 * ({@link ClassDataSharingBase}), EXAMPLES is the rule examples' directory ({@code docs/rules/examples}) and WORK an empty
 * directory for the repository.
 */
public final class ClassDataSharingTraining {
    private ClassDataSharingTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path examples = Path.of(args[0]);
        Path work = Path.of(args[1]);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Optional<JarServices> services = Main.reviewProcess();

        String base = examples.resolve("create-index-non-concurrent/base.sql").toString();
        List<String> change = List.of(examples.resolve("create-index-non-concurrent/bad.sql").toString(),
                examples.resolve("add-column-volatile-default/bad.sql").toString(),
                // a data statement: JSqlParser's classes are then in the archive too (about 300 of them)
                examples.resolve("update-without-where/bad.sql").toString());
        List<List<String>> commands = new ArrayList<>();
        for (String format : List.of("text", "json", "sarif")) {
            List<String> analyze = new ArrayList<>(List.of("analyze", "--format", format, "--schema", base));
            analyze.addAll(change);
            commands.add(analyze);
        }
        Optional<Path> repository = repository(examples, work.resolve("repository"), err);
        repository.ifPresent(repo -> {
            // the first writes the replayed history's cache entry, the second reads it
            commands.add(List.of("review", "--repo", repo.toString(), "--base", "main"));
            commands.add(List.of("review", "--repo", repo.toString(), "--base", "main", "--format", "json"));
        });
        commands.add(List.of("rules"));
        commands.add(List.of("explain", "create-index-non-concurrent"));
        commands.add(List.of("--help"));
        commands.add(List.of("--version"));
        commands.add(List.of("analyze", "--help"));
        for (List<String> command : commands) {
            int code = Main.execute(command.toArray(String[]::new), out, err, services);
            out.println("[training] exit " + code + ": migration-review " + String.join(" ", command));
        }
        // every rule's bad example: the code of the rules a real migration triggers (their lambdas, records and
        // messages) is then in the archive too, not only that of the few rules above; the reports are not printed
        PrintWriter discard = new PrintWriter(java.io.Writer.nullWriter());
        int examplesRun = 0;
        for (Path bad : badExamples(examples)) {
            Path baseSql = bad.resolveSibling("base.sql");
            List<String> analyze = new ArrayList<>(List.of("analyze"));
            if (Files.isRegularFile(baseSql)) {
                analyze.addAll(List.of("--schema", baseSql.toString()));
            }
            analyze.add(bad.toString());
            Main.execute(analyze.toArray(String[]::new), discard, discard, services);
            examplesRun++;
        }
        out.println("[training] analyze of " + examplesRun + " rules' bad examples");
    }

    private static List<Path> badExamples(Path examples) throws IOException {
        try (var dirs = Files.list(examples)) {
            return dirs.map(dir -> dir.resolve("bad.sql")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** A repository whose main branch holds a history and whose checked-out branch adds a change; empty without git. */
    private static Optional<Path> repository(Path examples, Path repo, PrintWriter err) throws IOException, InterruptedException {
        if (Files.exists(repo)) {
            // the previous build's
            try (var files = Files.walk(repo)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(repo.resolve("db/migration"));
        try {
            git(repo, "init", "-q");
            Files.copy(examples.resolve("create-index-non-concurrent/base.sql"), repo.resolve("db/migration/V1__orders.sql"));
            Files.copy(examples.resolve("add-column-volatile-default/base.sql"), repo.resolve("db/migration/V2__events.sql"));
            git(repo, "add", "-A");
            git(repo, "commit", "-q", "-m", "history");
            git(repo, "checkout", "-q", "-b", "change");
            Files.copy(examples.resolve("create-index-non-concurrent/bad.sql"), repo.resolve("db/migration/V3__index.sql"));
            Files.copy(examples.resolve("update-without-where/bad.sql"), repo.resolve("db/migration/V4__backfill.sql"));
            git(repo, "add", "-A");
            git(repo, "commit", "-q", "-m", "change");
            return Optional.of(repo);
        } catch (IOException e) {
            err.println("[training] no git repository, review left out: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=training", "-c", "user.email=training@localhost",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            git.destroyForcibly();
            throw new IOException("git " + String.join(" ", args) + " failed");
        }
    }
}
