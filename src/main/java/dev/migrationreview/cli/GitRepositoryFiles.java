package dev.migrationreview.cli;

import dev.migrationreview.fetch.RepositoryFiles;
import dev.migrationreview.fetch.Utf8Source;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository's files at one commit, read from git's object store: {@code ls-tree} once for the paths and
 * their object ids, one long-lived {@code cat-file --batch} process for the contents (a history of hundreds of
 * files would otherwise start hundreds of processes). Blobs are asked for by object id, never by name, so no
 * file name (spaces, line breaks, anything) can be misread in git's line-based reply.
 */
public final class GitRepositoryFiles implements RepositoryFiles, AutoCloseable {
    /**
     * Blobs asked for in one round trip to {@code cat-file}: a history's files are read one after another, and one
     * request per file cost a pipe round trip (two process wake-ups) each. Few enough that the requests (41 bytes
     * each) never fill the pipe while git waits for its answers to be read.
     */
    private static final int READ_AHEAD = 64;

    private final GitRepository repository;
    private final String commit;
    private Map<String, String> objectByPath;
    /** The listing in order, and each path's place in it (to read a file's neighbours ahead). */
    private List<String> listing;
    private Map<String, Integer> position;
    /** Blobs read ahead of being asked for, by object id: decoded, and their problems noted, when a path asks. */
    private final Map<String, byte[]> ahead = new HashMap<>();
    private final Set<Problem> problems = new LinkedHashSet<>();
    private Process batch;
    private OutputStream batchIn;
    private InputStream batchOut;

    /** UTF-8 texts by git object id, shared with the other side of a review: base and head hold mostly the same blobs. */
    private final Map<String, String> textByObject;

    public GitRepositoryFiles(GitRepository repository, String commit) {
        this(repository, commit, new ConcurrentHashMap<>());
    }

    /**
     * @param textByObject texts already read, by object id, shared between the base and the head of one review so
     *                     that a history of 800 files is read from git and decoded once, not twice
     */
    public GitRepositoryFiles(GitRepository repository, String commit, Map<String, String> textByObject) {
        this.repository = repository;
        this.commit = commit;
        this.textByObject = textByObject;
    }

    public String commit() {
        return commit;
    }

    @Override
    public synchronized List<String> paths() {
        return List.copyOf(objects().keySet());
    }

    @Override
    public synchronized List<Problem> problems() {
        objects();
        return List.copyOf(problems);
    }

    private Map<String, String> objects() {
        if (objectByPath == null) {
            Map<String, String> files = new LinkedHashMap<>();
            for (GitRepository.TreeEntry e : repository.tree(commit)) {
                if (e.type().equals("commit")) {
                    problems.add(Problem.submodule(e.path()));
                } else if (!e.type().equals("blob")) {
                    continue;
                } else if (Problem.hasLineBreak(e.path())) {
                    problems.add(Problem.lineBreakInName(e.path()));
                } else {
                    files.put(e.path(), e.object());
                }
            }
            objectByPath = files;
            listing = List.copyOf(files.keySet());
            position = new HashMap<>();
            for (int i = 0; i < listing.size(); i++) {
                position.put(listing.get(i), i);
            }
        }
        return objectByPath;
    }

    @Override
    public synchronized Optional<String> contentId(String path) {
        return Optional.ofNullable(objects().get(path));
    }

    @Override
    public synchronized Optional<String> read(String path) throws IOException {
        String object = objects().get(path);
        if (object == null) {
            return Optional.empty();
        }
        String known = textByObject.get(object);
        if (known != null) {
            return Optional.of(known);
        }
        byte[] content = ahead.remove(object);
        if (content == null) {
            content = fetch(path, object);
            if (content == null) {
                return Optional.empty();
            }
        }
        Utf8Source source = Utf8Source.decode(path, content);
        if (source.problem().isPresent()) {
            // the note names this path: another path with the same bytes is decoded, and named, on its own
            problems.add(new Problem(path, source.problem().get(), false));
        } else {
            textByObject.put(object, source.text());
        }
        return Optional.of(source.text());
    }

    /**
     * The blob of {@code path}, or null when git has no blob by that id; with it, in the same round trip, the
     * following files of its folder with its extension that nothing has read yet (kept in {@link #ahead}).
     */
    private byte[] fetch(String path, String object) throws IOException {
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(object);
        String folder = folder(path);
        String extension = extension(path);
        Integer at = position.get(path);
        for (int i = at + 1; i < listing.size() && wanted.size() < READ_AHEAD; i++) {
            String next = listing.get(i);
            if (!folder(next).equals(folder)) {
                break;
            }
            String id = objectByPath.get(next);
            if (extension(next).equals(extension) && !textByObject.containsKey(id) && !ahead.containsKey(id)) {
                wanted.add(id);
            }
        }
        if (batch == null) {
            batch = repository.startBatch();
            batchIn = batch.getOutputStream();
            batchOut = new BufferedInputStream(batch.getInputStream(), 1 << 16);
        }
        StringBuilder request = new StringBuilder(wanted.size() * 41);
        wanted.forEach(id -> request.append(id).append('\n'));
        batchIn.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        batchIn.flush();
        byte[] asked = null;
        for (String id : wanted) {
            String header = readLine();
            if (header == null) {
                throw new IOException("git cat-file stopped answering while reading " + path + " at " + commit);
            }
            // "<object> <type> <size>", or "<object> missing"
            String[] parts = header.split(" ");
            if (parts.length != 3) {
                continue;
            }
            int size = Integer.parseInt(parts[2]);
            byte[] content = batchOut.readNBytes(size);
            batchOut.read(); // the newline after the object
            if (!parts[1].equals("blob")) {
                continue;
            }
            if (id.equals(object)) {
                asked = content;
            } else {
                ahead.put(id, content);
            }
        }
        return asked;
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot <= path.lastIndexOf('/') ? "" : path.substring(dot);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = batchOut.read()) != -1 && c != '\n') {
            line.write(c);
        }
        return c == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (batch != null) {
            try {
                batchIn.close();
                batch.waitFor();
            } catch (IOException e) {
                batch.destroy();
            } catch (InterruptedException e) {
                batch.destroy();
                Thread.currentThread().interrupt();
            }
            batch = null;
        }
    }
}
