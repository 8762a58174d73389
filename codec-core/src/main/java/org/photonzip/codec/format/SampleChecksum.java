package org.photonzip.codec.format;

import java.util.zip.CRC32C;

/** CRC32C of uint16 samples taken as little-endian bytes, computed in bounded chunks. */
public final class SampleChecksum {
    private static final int CHUNK = 1 << 15;

    private SampleChecksum() {}

    public static int of(short[] samples) {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[2 * Math.min(CHUNK, samples.length)];
        for (int off = 0; off < samples.length; off += CHUNK) {
            int n = Math.min(CHUNK, samples.length - off);
            for (int i = 0; i < n; i++) {
                short s = samples[off + i];
                buf[2 * i] = (byte) s;
                buf[2 * i + 1] = (byte) (s >>> 8);
            }
            crc.update(buf, 0, 2 * n);
        }
        return (int) crc.getValue();
    }
}
