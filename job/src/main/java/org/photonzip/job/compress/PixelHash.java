package org.photonzip.job.compress;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of samples as uint16 little-endian bytes in t, y, x order: the manifest's {@code pixel_sha256}. */
public final class PixelHash {
    private PixelHash() {
    }

    public static String sha256(short[] samples) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash pixels: no SHA-256 in this JVM", e);
        }
        byte[] chunk = new byte[1 << 16];
        int at = 0;
        while (at < samples.length) {
            int n = Math.min(chunk.length / 2, samples.length - at);
            for (int i = 0; i < n; i++) {
                short v = samples[at + i];
                chunk[2 * i] = (byte) v;
                chunk[2 * i + 1] = (byte) (v >>> 8);
            }
            md.update(chunk, 0, 2 * n);
            at += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
