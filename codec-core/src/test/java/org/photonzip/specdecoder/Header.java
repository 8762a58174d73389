package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

import java.util.zip.CRC32C;

/** §1 of docs/tile-format.md: the 32-byte (version 1) or 60-byte (version 2) header, checked in order. */
record Header(
        int version, int method, long frames, long height, long width, long sampleCrc, int size, long[] identity) {

    static Header parse(byte[] s) {
        require(s.length >= 32, "shorter than 32 bytes");
        require(s[0] == 'P' && s[1] == 'Z' && s[2] == 'T' && s[3] == 'L', "bad magic");
        int version = s[4] & 0xFF;
        require(version == 1 || version == 2, "version " + version);
        int size = version == 1 ? 32 : 60;
        require(s.length >= size, "shorter than its header");
        require(Bytes.u32(s, 24) == s.length - size, "body length");
        CRC32C crc = new CRC32C();
        crc.update(s, 0, size - 4);
        crc.update(s, size, s.length - size);
        require(crc.getValue() == Bytes.u32(s, size - 4), "stream CRC");
        int method = s[5] & 0xFF;
        require(method <= 1, "method " + method);
        require(Bytes.u16(s, 6) == 0, "flags or reserved bits set");
        long f = Bytes.u32(s, 8);
        long h = Bytes.u32(s, 12);
        long w = Bytes.u32(s, 16);
        long max = (1L << 31) - 9;
        require(
                f >= 1 && h >= 1 && w >= 1 && f <= max && h <= max && w <= max && h * w <= max && h * w * f <= max,
                "shape");
        require(method == 1 || Bytes.u32(s, 24) == 2 * f * h * w, "stored body length");
        long[] identity = null;
        if (version == 2) {
            identity = new long[7];
            for (int k = 0; k < 7; k++) {
                identity[k] = Bytes.u32(s, 28 + 4 * k);
            }
            long[] extent = {f, h, w};
            for (int k = 0; k < 3; k++) {
                long stack = identity[4 + k];
                require(identity[k] < 1L << 31 && stack < 1L << 31, "identity field of 2^31 or more");
                require(stack >= 1 && identity[k] + extent[k] <= stack, "tile outside its stack");
            }
        }
        return new Header(version, method, f, h, w, Bytes.u32(s, 20), size, identity);
    }

    int samples() {
        return (int) (frames * height * width);
    }
}
