package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference implementation's SipHash-2-4 128-bit vectors (key 00..0f, message 00..len-1), fed whole and in pieces. */
class SipHashTest {
    private static final Map<Integer, String> VECTORS = Map.of(
            0, "a3817f04ba25a8e66df67214c7550293",
            1, "da87c1d86b99af44347659119b22fc45",
            7, "a1f1ebbed8dbc153c0b84aa61ff08239",
            8, "3b62a9ba6258f5610f83e264f31497b4",
            15, "5493e99933b0a8117e08ec0f97cfc3d9",
            63, "5150d1772f50834a503e069a973fbd7c");

    @Test
    void matchesTheReferenceVectors() {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) i;
        }
        VECTORS.forEach((length, expected) -> {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) i;
            }
            SipHash whole = new SipHash(key);
            whole.update(message);
            assertEquals(expected, whole.hex(), length + " bytes at once");
            for (int piece = 1; piece <= 9; piece++) {
                SipHash pieces = new SipHash(key);
                for (int at = 0; at < length; at += piece) {
                    pieces.update(message, at, Math.min(piece, length - at));
                }
                assertEquals(expected, pieces.hex(), length + " bytes in pieces of " + piece);
            }
        });
    }
}
