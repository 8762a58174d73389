package org.photonzip.codec;

import static org.photonzip.codec.format.TileFormat.*;
import static org.photonzip.codec.format.Verify.verify;

import java.util.zip.CRC32C;
import org.photonzip.codec.format.LittleEndian;

/**
 * The fixed header of a tile stream (60 bytes in version 2, 32 in version 1), validated on parsing: magic,
 * version, lengths, stream CRC, method, flags and shape. The identity fields are zero in a version-1 header.
 */
record TileHeader(
        int version,
        int method,
        int flags,
        int frames,
        int height,
        int width,
        int sampleCrc,
        int bodyLength,
        int t0,
        int y0,
        int x0,
        int datasetTag,
        int stackFrames,
        int stackHeight,
        int stackWidth) {

    int headerBytes() {
        return version == VERSION_1 ? HEADER_BYTES_V1 : HEADER_BYTES;
    }

    long samples() {
        return (long) frames * height * width;
    }

    static TileHeader parse(byte[] s) {
        verify(
                s.length >= HEADER_BYTES_V1,
                0,
                "stream of " + s.length + " bytes is shorter than the smallest (" + HEADER_BYTES_V1 + "-byte) header");
        int magic = LittleEndian.getInt(s, 0);
        verify(magic == MAGIC, 0, String.format("bad magic %08x, not a photonzip tile", magic));
        int version = s[AT_VERSION] & 0xFF;
        verify(version != 0, AT_VERSION, "format version 0 was never written");
        if (version > VERSION) {
            throw new UnsupportedFormatException("Cannot decode tile stream: format version " + version
                    + " is newer than this decoder (it reads versions 1 to " + VERSION + ")");
        }
        int headerBytes = version == VERSION_1 ? HEADER_BYTES_V1 : HEADER_BYTES;
        verify(
                s.length >= headerBytes,
                0,
                "stream of " + s.length + " bytes is shorter than the " + headerBytes + "-byte version-" + version
                        + " header");
        int bodyLength = LittleEndian.getInt(s, AT_BODY_LENGTH);
        verify(
                bodyLength >= 0 && bodyLength == s.length - headerBytes,
                AT_BODY_LENGTH,
                "body length "
                        + Integer.toUnsignedString(bodyLength) + " but " + (s.length - headerBytes)
                        + " bytes follow the header (truncated or padded stream)");
        int crcAt = version == VERSION_1 ? AT_STREAM_CRC_V1 : AT_STREAM_CRC;
        int stored = LittleEndian.getInt(s, crcAt);
        int computed = streamCrc(s, headerBytes);
        verify(
                stored == computed,
                crcAt,
                String.format(
                        "stream CRC32C mismatch: stored %08x, computed %08x (corrupted stream)", stored, computed));
        int method = s[AT_METHOD] & 0xFF;
        verify(method == METHOD_STORED || method == METHOD_MODELLED, AT_METHOD, "unknown coding method " + method);
        int flags = LittleEndian.getUnsignedShort(s, AT_FLAGS);
        if (version == VERSION_1) {
            verify(flags == 0, AT_FLAGS, "reserved field " + flags + " is not 0");
        } else if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new UnsupportedFormatException(String.format(
                    "Cannot decode tile stream: header flags %04x "
                            + "include features this decoder lacks (it knows %04x)",
                    flags, KNOWN_FLAGS));
        }
        verify(flags == 0 || method == METHOD_MODELLED, AT_FLAGS, "a stored tile cannot be error-bounded");
        int frames = LittleEndian.getInt(s, AT_FRAMES);
        int height = LittleEndian.getInt(s, AT_HEIGHT);
        int width = LittleEndian.getInt(s, AT_WIDTH);
        verify(
                frames > 0
                        && height > 0
                        && width > 0
                        && (long) height * width <= Tile.MAX_SAMPLES
                        && (long) height * width * frames <= Tile.MAX_SAMPLES,
                AT_FRAMES,
                "invalid shape " + Integer.toUnsignedString(frames) + "x" + Integer.toUnsignedString(height) + "x"
                        + Integer.toUnsignedString(width));
        long n = (long) frames * height * width;
        verify(
                method != METHOD_STORED || bodyLength == 2 * n,
                AT_BODY_LENGTH,
                "stored body of " + bodyLength + " bytes for " + n + " samples");
        int sampleCrc = LittleEndian.getInt(s, AT_SAMPLE_CRC);
        if (version == VERSION_1) {
            return new TileHeader(
                    version, method, flags, frames, height, width, sampleCrc, bodyLength, 0, 0, 0, 0, 0, 0, 0);
        }
        TileHeader h = new TileHeader(
                version,
                method,
                flags,
                frames,
                height,
                width,
                sampleCrc,
                bodyLength,
                LittleEndian.getInt(s, AT_T0),
                LittleEndian.getInt(s, AT_Y0),
                LittleEndian.getInt(s, AT_X0),
                LittleEndian.getInt(s, AT_DATASET_TAG),
                LittleEndian.getInt(s, AT_STACK_FRAMES),
                LittleEndian.getInt(s, AT_STACK_HEIGHT),
                LittleEndian.getInt(s, AT_STACK_WIDTH));
        h.verifyPlacement();
        return h;
    }

    /** A stored identity must describe a tile inside a non-empty stack (unsigned comparisons throughout). */
    private void verifyPlacement() {
        verify(
                stackFrames > 0 && stackHeight > 0 && stackWidth > 0,
                AT_STACK_FRAMES,
                "invalid stack shape " + u(stackFrames) + "x" + u(stackHeight) + "x" + u(stackWidth));
        verify(
                inside(t0, frames, stackFrames),
                AT_T0,
                "frames [" + u(t0) + ", +" + frames + ") outside the stack's " + stackFrames);
        verify(
                inside(y0, height, stackHeight),
                AT_Y0,
                "rows [" + u(y0) + ", +" + height + ") outside the stack's " + stackHeight);
        verify(
                inside(x0, width, stackWidth),
                AT_X0,
                "columns [" + u(x0) + ", +" + width + ") outside the stack's " + stackWidth);
    }

    private static boolean inside(int origin, int size, int total) {
        return origin >= 0 && (long) origin + size <= total;
    }

    private static String u(int v) {
        return Integer.toUnsignedString(v);
    }

    /**
     * Checks this header against the identity the caller expects. A version-1 header has no identity: only its
     * shape is checked.
     */
    void verifyMatches(TileIdentity e) {
        field(AT_FRAMES, "frames", frames, e.frames());
        field(AT_HEIGHT, "height", height, e.height());
        field(AT_WIDTH, "width", width, e.width());
        if (version == VERSION_1) {
            return;
        }
        field(AT_T0, "first frame t0", t0, e.t0());
        field(AT_Y0, "first row y0", y0, e.y0());
        field(AT_X0, "first column x0", x0, e.x0());
        verify(
                datasetTag == e.datasetTag(),
                AT_DATASET_TAG,
                String.format(
                        "dataset tag stored %08x, expected " + "%08x (dataset \"%s\"): a tile of another dataset",
                        datasetTag, e.datasetTag(), e.dataset()));
        field(AT_STACK_FRAMES, "stack frames", stackFrames, e.stackFrames());
        field(AT_STACK_HEIGHT, "stack height", stackHeight, e.stackHeight());
        field(AT_STACK_WIDTH, "stack width", stackWidth, e.stackWidth());
    }

    private static void field(int at, String name, int stored, int expected) {
        verify(
                stored == expected,
                at,
                name + " stored " + u(stored) + ", expected " + expected + " (a stream of another tile)");
    }

    /** CRC32C of the header up to its CRC field, then the body. */
    static int streamCrc(byte[] stream, int headerBytes) {
        CRC32C crc = new CRC32C();
        crc.update(stream, 0, headerBytes - 4);
        crc.update(stream, headerBytes, stream.length - headerBytes);
        return (int) crc.getValue();
    }
}
