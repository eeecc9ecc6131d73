package dev.migrationreview.schema;

import java.util.HexFormat;

/**
 * SipHash-2-4 with a 128-bit result (Aumasson and Bernstein), fed incrementally: a keyed hash that nobody without the
 * key can make collide, at a fraction of SHA-256's cost where the JIT has no SHA instruction for it (the command line
 * runs with C1 only, whose SHA-256 is plain Java: ~10 ms for an 800-file history, this ~3 ms).
 */
final class SipHash {
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    /** Bytes of a word not yet complete, lowest first, and how many. */
    private long pending;
    private int pendingBytes;
    private long length;

    /** @param key 16 bytes, the two key words little-endian */
    SipHash(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("a SipHash key is 16 bytes, not " + key.length);
        }
        long k0 = word(key, 0);
        long k1 = word(key, 8);
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL ^ 0xee;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
    }

    private static long word(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
                | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
    }

    void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    void update(byte[] bytes, int offset, int count) {
        int i = offset;
        int end = offset + count;
        length += count;
        while (pendingBytes != 0 && i < end) {
            pending |= (bytes[i++] & 0xffL) << (8 * pendingBytes);
            if (++pendingBytes == 8) {
                compress(pending);
                pending = 0;
                pendingBytes = 0;
            }
        }
        // a call per word, not the rounds written out here: the first files of a run are hashed before the JIT has
        // compiled anything, and a small method called per word is compiled after a few hundred words, where this
        // loop would run interpreted to the end of each file until it is compiled itself
        for (; i + 8 <= end; i += 8) {
            compress((bytes[i] & 0xffL) | (bytes[i + 1] & 0xffL) << 8 | (bytes[i + 2] & 0xffL) << 16 | (bytes[i + 3] & 0xffL) << 24
                    | (bytes[i + 4] & 0xffL) << 32 | (bytes[i + 5] & 0xffL) << 40 | (bytes[i + 6] & 0xffL) << 48
                    | (bytes[i + 7] & 0xffL) << 56);
        }
        for (; i < end; i++) {
            pending |= (bytes[i] & 0xffL) << (8 * pendingBytes++);
        }
    }

    void updateInt(int value) {
        update(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** The 16 bytes of the hash (its two result words little-endian), as 32 hexadecimal digits. Ends this hash. */
    String hex() {
        byte[] out = new byte[16];
        long last = pending | (length & 0xff) << 56;
        compress(last);
        v2 ^= 0xee;
        rounds(4);
        long h1 = v0 ^ v1 ^ v2 ^ v3;
        v1 ^= 0xdd;
        rounds(4);
        long h2 = v0 ^ v1 ^ v2 ^ v3;
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (h1 >>> (8 * i));
            out[8 + i] = (byte) (h2 >>> (8 * i));
        }
        return HexFormat.of().formatHex(out);
    }

    /** Two rounds over one message word, the state in locals (C1 keeps them in registers). */
    private void compress(long m) {
        long a0 = v0;
        long a1 = v1;
        long a2 = v2;
        long a3 = v3 ^ m;
        a0 += a1; a1 = a1 << 13 | a1 >>> 51; a1 ^= a0; a0 = a0 << 32 | a0 >>> 32;
        a2 += a3; a3 = a3 << 16 | a3 >>> 48; a3 ^= a2;
        a0 += a3; a3 = a3 << 21 | a3 >>> 43; a3 ^= a0;
        a2 += a1; a1 = a1 << 17 | a1 >>> 47; a1 ^= a2; a2 = a2 << 32 | a2 >>> 32;
        a0 += a1; a1 = a1 << 13 | a1 >>> 51; a1 ^= a0; a0 = a0 << 32 | a0 >>> 32;
        a2 += a3; a3 = a3 << 16 | a3 >>> 48; a3 ^= a2;
        a0 += a3; a3 = a3 << 21 | a3 >>> 43; a3 ^= a0;
        a2 += a1; a1 = a1 << 17 | a1 >>> 47; a1 ^= a2; a2 = a2 << 32 | a2 >>> 32;
        v0 = a0 ^ m;
        v1 = a1;
        v2 = a2;
        v3 = a3;
    }

    private void rounds(int n) {
        for (int r = 0; r < n; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
    }
}
