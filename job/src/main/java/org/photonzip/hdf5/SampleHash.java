package org.photonzip.hdf5;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of 16-bit samples as uint16 little-endian bytes, the archive's pixel hash (docs/archive-format.md §3). */
final class SampleHash {
    private final MessageDigest digest;
    private final byte[] buffer = new byte[1 << 16];

    SampleHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash: no SHA-256 in this JVM", e);
        }
    }

    void add(short[] s, int n) {
        for (int i = 0; i < n; ) {
            int m = Math.min(n - i, buffer.length / 2);
            for (int j = 0; j < m; j++) {
                short v = s[i + j];
                buffer[2 * j] = (byte) v;
                buffer[2 * j + 1] = (byte) (v >>> 8);
            }
            digest.update(buffer, 0, 2 * m);
            i += m;
        }
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    static String of(short[] s) {
        SampleHash h = new SampleHash();
        h.add(s, s.length);
        return h.hex();
    }
}
