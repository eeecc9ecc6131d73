package dev.migrationreview.cli;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;

/**
 * How the command line's on-disk caches keep an entry: one serialised object (or a codec's bytes) per file, written
 * to a temporary file (owner-only) and renamed into place, so that concurrent runs see an entry whole or not at all;
 * read back whole (one read, not the object stream's many small ones), objects through a filter that admits only the
 * classes an entry may hold. A file that cannot be read is a miss, and a file that cannot be written is no entry: a
 * cache never fails a review.
 */
final class CacheFiles {
    /** The JDK's collections as {@code List.copyOf}, {@code Map.copyOf} and {@code ArrayList} write them. */
    private static final Set<String> JDK_COLLECTIONS = Set.of("java.util.CollSer", "java.util.ArrayList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$EmptyList");

    private CacheFiles() {
    }

    /** The object in {@code file}, when it is whole, at most {@code maxBytes} and made only of {@code packages}' classes. */
    static Optional<Object> read(Path file, long maxBytes, Set<String> packages) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > maxBytes) {
                return Optional.empty();
            }
            try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                objects.setObjectInputFilter(info -> accept(info, maxBytes, packages));
                return Optional.ofNullable(objects.readObject());
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // partial, foreign or outdated: the caller computes it again and writes it anew
            return Optional.empty();
        }
    }

    /** The bytes of {@code file} when it is a file of at most {@code maxBytes}; empty when it cannot be read. */
    static Optional<byte[]> readBytes(Path file, long maxBytes) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > maxBytes) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code entry} to {@code file} whole, or not at all. */
    static void write(Path file, Serializable entry) {
        write(file, out -> {
            try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(entry);
            }
        });
    }

    /** Writes {@code bytes} to {@code file} whole, or not at all. */
    static void writeBytes(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path file, Content content) {
        Path temporary = null;
        try {
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), file.getFileName().toString().substring(0, 8), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // read-only home, full disk, a type that cannot be written: the review goes on uncached
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // left for the next writer; a temporary file is never read
                }
            }
        }
    }

    private static ObjectInputFilter.Status accept(ObjectInputFilter.FilterInfo info, long maxBytes, Set<String> packages) {
        if (info.streamBytes() > maxBytes || info.depth() > 20) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        String name = type.getName();
        boolean jdk = name.startsWith("java.lang.") || name.startsWith("java.util.ImmutableCollections")
                || JDK_COLLECTIONS.contains(name);
        boolean ours = packages.stream().anyMatch(name::startsWith);
        return jdk || ours ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }
}
