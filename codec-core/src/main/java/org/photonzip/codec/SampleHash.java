package org.photonzip.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of 16-bit samples as uint16 little-endian bytes, in the order given (t, y, x for a tile or stack): the
 * pixel hash an archive's manifest and metadata samples record (docs/archive-format.md) and the golden streams'
 * index lists. Fed in pieces, it hashes what one call with all the samples would.
 */
public final class SampleHash {
    private final MessageDigest digest = sha256();
    private final byte[] buffer = new byte[1 << 16];

    /** The hex SHA-256 of {@code samples}. */
    public static String of(short[] samples) {
        SampleHash h = new SampleHash();
        h.add(samples, samples.length);
        return h.hex();
    }

    /** Adds the first {@code n} of {@code samples}. */
    public void add(short[] samples, int n) {
        for (int i = 0; i < n; ) {
            int m = Math.min(n - i, buffer.length / 2);
            for (int j = 0; j < m; j++) {
                short v = samples[i + j];
                buffer[2 * j] = (byte) v;
                buffer[2 * j + 1] = (byte) (v >>> 8);
            }
            digest.update(buffer, 0, 2 * m);
            i += m;
        }
    }

    /** The hex SHA-256 of every sample added; the hash starts again empty. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A new SHA-256 digest (every JVM has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash: no SHA-256 in this JVM", e);
        }
    }
}
