package org.photonzip.codec;

import java.util.Arrays;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.TileFormat;

/** Test helpers that rewrite tile streams: recompute a CRC after damage, rewrite a header as version 1. */
final class TestStreams {
    private TestStreams() {}

    /** Recomputes the stream CRC of a version-1 or version-2 stream in place, so damage passes the CRC. */
    static byte[] reseal(byte[] s) {
        boolean v1 = s[TileFormat.AT_VERSION] == TileFormat.VERSION_1;
        int header = v1 ? TileFormat.HEADER_BYTES_V1 : TileFormat.HEADER_BYTES;
        LittleEndian.putInt(
                s, v1 ? TileFormat.AT_STREAM_CRC_V1 : TileFormat.AT_STREAM_CRC, TileHeader.streamCrc(s, header));
        return s;
    }

    /** The version-1 stream with the same body: the 32-byte header of version 1 (which has no identity). */
    static byte[] asVersion1(byte[] v2) {
        int body = v2.length - TileFormat.HEADER_BYTES;
        byte[] v1 = new byte[TileFormat.HEADER_BYTES_V1 + body];
        System.arraycopy(v2, 0, v1, 0, TileFormat.AT_T0);
        v1[TileFormat.AT_VERSION] = (byte) TileFormat.VERSION_1;
        System.arraycopy(v2, TileFormat.HEADER_BYTES, v1, TileFormat.HEADER_BYTES_V1, body);
        return reseal(v1);
    }

    static byte[] withInt(byte[] s, int at, int value) {
        byte[] copy = Arrays.copyOf(s, s.length);
        LittleEndian.putInt(copy, at, value);
        return reseal(copy);
    }
}
