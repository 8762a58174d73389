package org.photonzip.codec;

import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.TileFormat;

/** The fixed 32-byte header of a tile stream, validated (including the stream CRC) on parsing. */
record TileHeader(int method, int flags, int frames, int height, int width, int sampleCrc, int bodyLength) {

    static TileHeader parse(byte[] s) {
        TileDecoder.verify(s.length >= TileFormat.HEADER_BYTES, 0, "stream of " + s.length
                + " bytes is shorter than the " + TileFormat.HEADER_BYTES + "-byte header");
        int magic = LittleEndian.getInt(s, 0);
        TileDecoder.verify(magic == TileFormat.MAGIC, 0, String.format("bad magic %08x, not a photonzip tile", magic));
        int version = s[4] & 0xFF;
        if (version != TileFormat.VERSION) {
            throw new UnsupportedFormatException("tile format version " + version + " is not supported by this "
                    + "decoder (it reads version " + TileFormat.VERSION + ")");
        }
        int bodyLength = LittleEndian.getInt(s, 24);
        TileDecoder.verify(bodyLength >= 0 && bodyLength == s.length - TileFormat.HEADER_BYTES, 24,
                "body length " + Integer.toUnsignedString(bodyLength) + " but " + (s.length - TileFormat.HEADER_BYTES)
                        + " bytes follow the header (truncated or padded stream)");
        int stored = LittleEndian.getInt(s, 28);
        int computed = TileEncoder.streamCrc(s);
        TileDecoder.verify(stored == computed, 28, String.format(
                "stream CRC32C mismatch: stored %08x, computed %08x (corrupted stream)", stored, computed));
        int method = s[5] & 0xFF;
        TileDecoder.verify(method == TileFormat.METHOD_STORED || method == TileFormat.METHOD_MODELLED, 5,
                "unknown coding method " + method);
        int flags = LittleEndian.getUnsignedShort(s, 6);
        if ((flags & ~TileFormat.FLAG_BOUNDED) != 0) {
            throw new UnsupportedFormatException(String.format("tile flags %04x are not supported by this decoder",
                    flags));
        }
        TileDecoder.verify(flags == 0 || method == TileFormat.METHOD_MODELLED, 6,
                "a stored tile cannot be error-bounded");
        int frames = LittleEndian.getInt(s, 8);
        int height = LittleEndian.getInt(s, 12);
        int width = LittleEndian.getInt(s, 16);
        try {
            Tile.checkedSize(frames, height, width);
        } catch (IllegalArgumentException e) {
            throw new MalformedStreamException(8, e.getMessage());
        }
        return new TileHeader(method, flags, frames, height, width, LittleEndian.getInt(s, 20), bodyLength);
    }
}
