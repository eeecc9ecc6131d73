package dev.migrationreview.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local git repository, read through the {@code git} command (no library: the same git the user runs
 * is the one that knows their refs, worktrees and config).
 */
public final class GitRepository {
    private final Path directory;
    /** Commits resolved up front, by ref. */
    private final Map<String, String> resolved = new HashMap<>();

    /** @throws InputException when {@code directory} is not inside a git work tree */
    public GitRepository(Path directory) {
        this(directory, List.of());
    }

    /**
     * The repository, with the commits {@code refs} name resolved in the same {@code git} process that checks it is one:
     * each process costs the command line a few milliseconds of CPU. When one of them names no commit, or the answer
     * is not plainly one commit per ref, they are resolved one by one by {@link #resolve}, with its errors.
     *
     * @throws InputException when {@code directory} is not inside a git work tree
     */
    public GitRepository(Path directory, List<String> refs) {
        if (!Files.isDirectory(directory)) {
            throw new InputException(directory + ": no such directory");
        }
        this.directory = directory;
        if (!refs.isEmpty() && refs.stream().noneMatch(ref -> ref.isEmpty() || ref.startsWith("-"))) {
            List<String> args = new ArrayList<>(List.of("rev-parse", "--show-toplevel"));
            refs.forEach(ref -> args.add(ref + "^{commit}"));
            Result r = run(args.toArray(String[]::new));
            String[] lines = r.output().split("\n");
            if (r.exitCode == 0 && lines.length == refs.size() + 1) {
                Map<String, String> commits = new HashMap<>();
                for (int i = 0; i < refs.size(); i++) {
                    if (!isObjectId(lines[i + 1])) {
                        commits = null;
                        break;
                    }
                    commits.put(refs.get(i), lines[i + 1]);
                }
                if (commits != null) {
                    resolved.putAll(commits);
                    return;
                }
            }
        }
        Result r = run("rev-parse", "--show-toplevel");
        if (r.exitCode != 0) {
            throw new InputException(directory + ": not a git repository (" + r.error().strip() + ")");
        }
    }

    /** A full object id, SHA-1 or SHA-256. */
    private static boolean isObjectId(String s) {
        if (s.length() != 40 && s.length() != 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public Path directory() {
        return directory;
    }

    /** The commit a ref names, or empty when it names none. */
    public Optional<String> resolve(String ref) {
        String known = resolved.get(ref);
        if (known != null) {
            return Optional.of(known);
        }
        Result r = run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
        return r.exitCode == 0 ? Optional.of(r.output().strip()) : Optional.empty();
    }

    public String mergeBase(String a, String b) {
        Result r = run("merge-base", a, b);
        if (r.exitCode != 0) {
            throw new InputException("no common ancestor of " + a + " and " + b + " (" + r.error().strip() + ")");
        }
        return r.output().strip();
    }

    /** Paths added, copied, modified or renamed (new name) from {@code from} to {@code to}. */
    public List<String> changedPaths(String from, String to) {
        Result r = run("diff", "--name-only", "--no-renames", "--diff-filter=ACMRT", "-z", from, to);
        if (r.exitCode != 0) {
            throw new InputException("git diff " + from + " " + to + " failed: " + r.error().strip());
        }
        return splitNul(r.output());
    }

    /** Every file path at {@code commit}. */
    public List<String> paths(String commit) {
        Result r = run("ls-tree", "-r", "-z", "--name-only", commit);
        if (r.exitCode != 0) {
            throw new InputException("git ls-tree " + commit + " failed: " + r.error().strip());
        }
        return splitNul(r.output());
    }

    /** One entry of a commit's tree: a blob (file or symbolic link) or a commit (a submodule). */
    public record TreeEntry(String mode, String type, String object, String path) {}

    /** Every entry at {@code commit}, recursively, with its object id; names are taken as they are, spaces and line breaks included. */
    public List<TreeEntry> tree(String commit) {
        Result r = run("ls-tree", "-r", "-z", commit);
        if (r.exitCode != 0) {
            throw new InputException("git ls-tree " + commit + " failed: " + r.error().strip());
        }
        List<TreeEntry> out = new ArrayList<>();
        for (String record : splitNul(r.output())) {
            // "<mode> SP <type> SP <object> TAB <path>": the path is everything after the first tab
            int tab = record.indexOf('\t');
            String[] head = record.substring(0, Math.max(0, tab)).split(" ");
            if (tab < 0 || head.length != 3) {
                continue;
            }
            out.add(new TreeEntry(head[0], head[1], head[2], record.substring(tab + 1)));
        }
        return out;
    }

    /** Starts {@code git cat-file --batch}, which answers many blob reads through one process. */
    Process startBatch() throws IOException {
        return new ProcessBuilder("git", "-C", directory.toString(), "cat-file", "--batch")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<String> splitNul(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("\0")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            // read stderr on the side so a chatty git cannot fill its pipe and stall
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
            errReader.start();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            errReader.join();
            return new Result(code, new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("could not run git (is it installed and on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while running git", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // stderr is only used for messages; losing it loses nothing else
        }
    }

    private record Result(int exitCode, String output, String error) {}
}
