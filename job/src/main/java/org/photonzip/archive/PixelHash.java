package org.photonzip.archive;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        ByteBuffer chunk = ByteBuffer.allocate(1 << 18).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (at < samples.length) {
            int n = Math.min(chunk.capacity() / 2, samples.length - at);
            chunk.clear();
            chunk.asShortBuffer().put(samples, at, n);
            md.update(chunk.array(), 0, 2 * n);
            at += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
