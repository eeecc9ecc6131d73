package dev.migrationreview.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A migration file's text, either read or still to be read. A history file the review does not judge is replayed
 * from its text and nothing else, and a replay the on-disk cache already holds needs not even that: such a file is
 * read only when something asks for its text ({@link #get()}), and is named in the cache's key by its content id
 * (git's blob id) instead (docs/performance.md: reading and hashing an 800-file history was a fifth of a warm
 * review). Two texts are equal when their characters are.
 */
public final class ScriptText {
    /** Reads a file's text; the path is the one the text belongs to. */
    @FunctionalInterface
    public interface Source {
        String read() throws IOException;
    }

    private final String path;
    private final Source source;
    private final String contentId;
    private volatile String text;

    private ScriptText(String path, String text, Source source, String contentId) {
        this.path = path;
        this.text = text;
        this.source = source;
        this.contentId = contentId;
    }

    /** A text already read. */
    public static ScriptText of(String text) {
        return new ScriptText(null, java.util.Objects.requireNonNull(text, "text"), null, null);
    }

    /**
     * A text read on first use.
     *
     * @param contentId the id of the file's bytes in a content-addressed store (git's blob id), when it has one: two
     *                  files with the same id hold the same bytes, so the id names the text without reading it
     */
    public static ScriptText deferred(String path, Optional<String> contentId, Source source) {
        return new ScriptText(path, null, java.util.Objects.requireNonNull(source, "source"), contentId.orElse(null));
    }

    /**
     * The text, read now if it was not yet.
     *
     * @throws UncheckedIOException when the file, listed when it was found, can no longer be read
     */
    public String get() {
        String read = text;
        if (read == null) {
            synchronized (this) {
                read = text;
                if (read == null) {
                    try {
                        read = source.read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(path + ": listed, but cannot be read: " + e.getMessage(), e);
                    }
                    text = read;
                }
            }
        }
        return read;
    }

    /** Whether the text has been read (or was given). */
    public boolean isRead() {
        return text != null;
    }

    /** The content id that names this text without reading it, if it came from a content-addressed store. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /**
     * Whether the text is at most {@code limit} bytes as stored. A char is at most 3 bytes in UTF-8 (a surrogate pair
     * 4 for two; {@link #utf8Bytes} counts a lone high surrogate at the end as 4), so a text whose length says it fits
     * is not counted: counting every history file on every review was a few percent of a warm review.
     */
    public static boolean withinBytes(String text, long limit) {
        return 3L * text.length() + 1 <= limit || utf8Bytes(text) <= limit;
    }

    /** The file's size as stored, without making a second copy of a large text. */
    public static long utf8Bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScriptText other)) {
            return false;
        }
        if (contentId != null && contentId.equals(other.contentId)) {
            return true;
        }
        return get().equals(other.get());
    }

    @Override
    public int hashCode() {
        return get().hashCode();
    }

    @Override
    public String toString() {
        return text != null ? text : "(" + path + ", not read yet)";
    }
}
