package org.photonzip.codec.fuzz;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Makes damaged input pass the checksums, so that fuzzing reaches what lies behind them: a tile stream's body
 * length and stream CRC, a model file's trailing SHA-256.
 */
final class Reseal {
    private Reseal() {}

    /** {@code s} with the body length and stream CRC its version's header needs; too short a stream is returned as is. */
    static byte[] tileStream(byte[] s) {
        if (s.length < 32) {
            return s;
        }
        int header = s[4] == 1 ? 32 : 60;
        if (s.length < header) {
            return s;
        }
        byte[] out = s.clone();
        putInt(out, 24, s.length - header);
        CRC32C crc = new CRC32C();
        crc.update(out, 0, header - 4);
        crc.update(out, header, out.length - header);
        putInt(out, header - 4, (int) crc.getValue());
        return out;
    }

    /** {@code b} with its last 32 bytes replaced by the SHA-256 of the rest. */
    static byte[] modelFile(byte[] b) {
        if (b.length < 32) {
            return b;
        }
        byte[] out = Arrays.copyOf(b, b.length);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(out, 0, out.length - 32);
            System.arraycopy(md.digest(), 0, out, out.length - 32, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static void putInt(byte[] b, int at, int v) {
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }
}
