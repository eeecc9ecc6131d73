package dev.migrationreview.cli;

import dev.migrationreview.fetch.RepositoryFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A repository's files at one commit, read from git's object store: {@code ls-tree} once for the paths,
 * one long-lived {@code cat-file --batch} process for the contents (a history of hundreds of files would
 * otherwise start hundreds of processes).
 */
public final class GitRepositoryFiles implements RepositoryFiles, AutoCloseable {
    private final GitRepository repository;
    private final String commit;
    private List<String> paths;
    private Process batch;
    private OutputStream batchIn;
    private InputStream batchOut;

    public GitRepositoryFiles(GitRepository repository, String commit) {
        this.repository = repository;
        this.commit = commit;
    }

    public String commit() {
        return commit;
    }

    @Override
    public synchronized List<String> paths() {
        if (paths == null) {
            paths = List.copyOf(repository.paths(commit));
        }
        return paths;
    }

    @Override
    public synchronized Optional<String> read(String path) throws IOException {
        if (path.contains("\n")) {
            return Optional.empty();
        }
        if (batch == null) {
            batch = repository.startBatch();
            batchIn = batch.getOutputStream();
            batchOut = new BufferedInputStream(batch.getInputStream());
        }
        batchIn.write((commit + ":" + path + "\n").getBytes(StandardCharsets.UTF_8));
        batchIn.flush();
        String header = readLine();
        if (header == null) {
            throw new IOException("git cat-file stopped answering while reading " + path + " at " + commit);
        }
        // "<sha> blob <size>", or "<name> missing" / "ambiguous"
        String[] parts = header.split(" ");
        if (parts.length != 3) {
            return Optional.empty();
        }
        int size = Integer.parseInt(parts[2]);
        byte[] content = batchOut.readNBytes(size);
        batchOut.read(); // the newline after the object
        if (!parts[1].equals("blob")) {
            return Optional.empty();
        }
        return Optional.of(new String(content, StandardCharsets.UTF_8));
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
