package dev.migrationreview.fetch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A file's bytes read as UTF-8, the one encoding migration-review reads. Bytes that are not UTF-8 become
 * U+FFFD so one stray Latin-1 comment does not make a file unreadable, and the problem is reported in the
 * same words wherever the file came from (a checkout, git objects, GitHub, the command line).
 *
 * @param text    the decoded text
 * @param problem what was wrong, naming the file, the first bad byte and its line; empty when the file is UTF-8
 */
public record Utf8Source(String text, Optional<String> problem) {

    private static final String CONSEQUENCE = " (migration-review reads migration files as UTF-8). Undecodable bytes were"
            + " read as U+FFFD, so a statement holding them may be misread; re-save the file as UTF-8.";

    public static Utf8Source decode(String path, byte[] bytes) {
        // most migrations are ASCII, which the JDK's decoder copies as it is; the strict decoder below, with a char buffer
        // twice the file's size, only for the others. Equal lengths and no U+FFFD: every byte was a character of its own
        String plain = new String(bytes, StandardCharsets.UTF_8);
        if (plain.length() == bytes.length && plain.indexOf('\uFFFD') < 0) {
            return new Utf8Source(plain, Optional.empty());
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        CoderResult result = strict.decode(in, out, true);
        if (!result.isError()) {
            strict.flush(out);
            return new Utf8Source(out.flip().toString(), Optional.empty());
        }
        int bad = in.position();
        int line = 1;
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String problem = path + ": not UTF-8: byte 0x" + String.format("%02X", bytes[bad] & 0xFF) + " on line " + line
                + " is not valid UTF-8" + CONSEQUENCE;
        return new Utf8Source(lenient(bytes), Optional.of(problem));
    }

    /**
     * For text decoded earlier (a cache keeps text, not bytes): the same problem, at the first replacement
     * character's line, when there is one.
     */
    public static Optional<String> replacedBytes(String path, String text) {
        int at = text.indexOf('\uFFFD');
        if (at < 0) {
            return Optional.empty();
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return Optional.of(path + ": not UTF-8: line " + line + " holds bytes that are not valid UTF-8" + CONSEQUENCE);
    }

    private static String lenient(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
