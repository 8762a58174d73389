package org.photonzip.source;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Where the pixels of a single-image, uncompressed, 16-bit unsigned grayscale baseline TIFF lie: its size, byte
 * order and strips. Anything else (compression, tiles, several images, other sample types) is rejected, because
 * the detector TIFFs photonzip meets are written this way and an archiver must not guess.
 */
public final class TiffLayout {
    private static final int TAG_WIDTH = 256;
    private static final int TAG_HEIGHT = 257;
    private static final int TAG_BITS_PER_SAMPLE = 258;
    private static final int TAG_COMPRESSION = 259;
    private static final int TAG_STRIP_OFFSETS = 273;
    private static final int TAG_SAMPLES_PER_PIXEL = 277;
    private static final int TAG_ROWS_PER_STRIP = 278;
    private static final int TAG_STRIP_BYTE_COUNTS = 279;
    private static final int TAG_TILE_WIDTH = 322;
    private static final int TAG_SAMPLE_FORMAT = 339;
    private static final int TAG_NEW_SUBFILE_TYPE = 254;
    private static final int TAG_PHOTOMETRIC = 262;
    private static final int TAG_PLANAR_CONFIGURATION = 284;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final int MAX_IFD_ENTRIES = 4096;

    final String name;
    final int width;
    final int height;
    final ByteOrder order;
    final int rowsPerStrip;
    final long[] stripOffsets;
    private final java.util.List<Integer> otherTags;
    private final boolean float32;

    private TiffLayout(
            String name,
            int width,
            int height,
            ByteOrder order,
            int rowsPerStrip,
            long[] stripOffsets,
            java.util.List<Integer> otherTags,
            boolean float32) {
        this.float32 = float32;
        this.otherTags = java.util.List.copyOf(otherTags);
        this.name = name;
        this.width = width;
        this.height = height;
        this.order = order;
        this.rowsPerStrip = rowsPerStrip;
        this.stripOffsets = stripOffsets;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public ByteOrder order() {
        return order;
    }

    public int rowsPerStrip() {
        return rowsPerStrip;
    }

    /** True for 32-bit floating-point samples (a flat or dark field, {@link #parseReference}); else uint16. */
    public boolean float32() {
        return float32;
    }

    /** Bytes one sample takes. */
    public int sampleBytes() {
        return float32 ? 4 : 2;
    }

    /**
     * The tags besides those that only say where and how the samples are stored (size, strips, sample type, black
     * is zero): information such as a description, date or resolution, which an archive of the samples lacks.
     */
    public java.util.List<Integer> otherTags() {
        return otherTags;
    }

    /** Byte offset of strip {@code s} in the file. */
    public long stripOffset(int s) {
        return stripOffsets[s];
    }

    /** The layout of the TIFF {@code file} (any file system) read through {@code ch}. */
    public static TiffLayout parse(String file, SeekableByteChannel ch) throws IOException {
        return parse(file, ch, false);
    }

    /**
     * As {@link #parse}, also taking 32-bit floating-point samples: flat and dark fields are often averaged and
     * written as float32 (savu-i13's are), and the archive keeps them as they are.
     */
    public static TiffLayout parseReference(String file, SeekableByteChannel ch) throws IOException {
        return parse(file, ch, true);
    }

    private static TiffLayout parse(String file, SeekableByteChannel ch, boolean floats) throws IOException {
        ByteBuffer header = readAt(ch, 0, 8, ByteOrder.LITTLE_ENDIAN, file);
        ByteOrder order;
        if (header.get(0) == 'I' && header.get(1) == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (header.get(0) == 'M' && header.get(1) == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new IOException("Invalid TIFF " + file + ": no II/MM byte-order mark");
        }
        header.order(order);
        int magic = header.getShort(2) & 0xFFFF;
        if (magic == 43) {
            throw new UnsupportedStackException("Unsupported TIFF " + file + ": BigTIFF");
        }
        if (magic != 42) {
            throw new IOException("Invalid TIFF " + file + ": magic number " + magic + ", expected 42");
        }
        long ifd = header.getInt(4) & 0xFFFFFFFFL;
        int entries = readAt(ch, ifd, 2, order, file).getShort(0) & 0xFFFF;
        if (entries == 0 || entries > MAX_IFD_ENTRIES) {
            throw new IOException("Invalid TIFF " + file + ": " + entries + " entries in its first directory");
        }
        ByteBuffer dir = readAt(ch, ifd + 2, entries * 12 + 4, order, file);
        Fields f = new Fields();
        for (int i = 0; i < entries; i++) {
            f.take(ch, dir, i * 12, order, file);
        }
        long nextIfd = dir.getInt(entries * 12) & 0xFFFFFFFFL;
        return f.toLayout(file, order, nextIfd, ch.size(), floats);
    }

    /** The tag values a layout needs, gathered from one image file directory. */
    private static final class Fields {
        long width = -1;
        long height = -1;
        long bitsPerSample = 1;
        long compression = 1;
        long samplesPerPixel = 1;
        long sampleFormat = 1;
        long rowsPerStrip = Long.MAX_VALUE;
        boolean tiled;
        long[] stripOffsets;
        long[] stripByteCounts;
        final java.util.List<Integer> other = new java.util.ArrayList<>();

        void take(SeekableByteChannel ch, ByteBuffer dir, int at, ByteOrder order, String file) throws IOException {
            int tag = dir.getShort(at) & 0xFFFF;
            switch (tag) {
                case TAG_WIDTH -> width = values(ch, dir, at, order, file)[0];
                case TAG_HEIGHT -> height = values(ch, dir, at, order, file)[0];
                case TAG_BITS_PER_SAMPLE -> bitsPerSample = values(ch, dir, at, order, file)[0];
                case TAG_COMPRESSION -> compression = values(ch, dir, at, order, file)[0];
                case TAG_SAMPLES_PER_PIXEL -> samplesPerPixel = values(ch, dir, at, order, file)[0];
                case TAG_SAMPLE_FORMAT -> sampleFormat = values(ch, dir, at, order, file)[0];
                case TAG_ROWS_PER_STRIP -> rowsPerStrip = values(ch, dir, at, order, file)[0];
                case TAG_STRIP_OFFSETS -> stripOffsets = values(ch, dir, at, order, file);
                case TAG_STRIP_BYTE_COUNTS -> stripByteCounts = values(ch, dir, at, order, file);
                case TAG_TILE_WIDTH -> tiled = true;
                case TAG_PLANAR_CONFIGURATION -> {
                    // One sample per pixel: either configuration stores the same bytes.
                }
                case TAG_PHOTOMETRIC, TAG_NEW_SUBFILE_TYPE -> {
                    if (!plain(ch, dir, at, order, file, tag == TAG_PHOTOMETRIC ? 1 : 0)) {
                        other.add(tag); // not black-is-zero / not a plain full image: information of its own
                    }
                }
                default -> other.add(tag); // resolution, description, software, ...: not the pixel values
            }
        }

        TiffLayout toLayout(String file, ByteOrder order, long nextIfd, long fileSize, boolean floats)
                throws IOException {
            if (compression != 1) {
                throw new UnsupportedStackException("Unsupported TIFF " + file + ": compression "
                        + compressionName(compression) + "; only uncompressed TIFFs are read");
            }
            boolean float32 = floats && samplesPerPixel == 1 && bitsPerSample == 32 && sampleFormat == 3;
            if (!float32 && (samplesPerPixel != 1 || bitsPerSample != 16 || sampleFormat != 1)) {
                throw new UnsupportedStackException("Unsupported TIFF " + file + ": " + samplesPerPixel
                        + " sample(s) per pixel of " + bitsPerSample + "-bit " + sampleFormatName(sampleFormat)
                        + "; expected one 16-bit unsigned sample (uint16 grayscale)"
                        + (floats ? " or one 32-bit floating-point sample" : ""));
            }
            int sampleBytes = float32 ? 4 : 2;
            if (tiled) {
                throw new UnsupportedStackException(
                        "Unsupported TIFF " + file + ": tiled layout; only strips are read");
            }
            if (nextIfd != 0) {
                throw new UnsupportedStackException(
                        "Unsupported TIFF " + file + ": holds more than one image; expected one frame per file");
            }
            if (width <= 0
                    || height <= 0
                    || width > Integer.MAX_VALUE / sampleBytes
                    || height > Integer.MAX_VALUE
                    || stripOffsets == null) {
                throw new IOException("Invalid TIFF " + file + ": size " + width + "x" + height
                        + (stripOffsets == null ? ", no strip offsets" : ""));
            }
            int rows = (int) Math.min(rowsPerStrip, height);
            long strips = (height + rows - 1) / rows;
            if (stripOffsets.length != strips) {
                throw new IOException("Invalid TIFF " + file + ": " + stripOffsets.length + " strips for " + height
                        + " rows of " + rows + " per strip");
            }
            for (int s = 0; s < strips; s++) {
                long stripRows = Math.min(rows, height - (long) s * rows);
                long needed = stripRows * width * sampleBytes;
                if (stripByteCounts != null && stripByteCounts.length == strips && stripByteCounts[s] < needed
                        || stripOffsets[s] + needed > fileSize) {
                    throw new IOException("Invalid TIFF " + file + ": strip " + s + " at byte " + stripOffsets[s]
                            + " needs " + needed + " bytes; the file is truncated or inconsistent (" + fileSize
                            + " bytes)");
                }
            }
            return new TiffLayout(file, (int) width, (int) height, order, rows, stripOffsets, other, float32);
        }
    }

    /** Whether the entry at {@code at} holds the one value {@code expected}; false for anything else, unreadable too. */
    private static boolean plain(
            SeekableByteChannel ch, ByteBuffer dir, int at, ByteOrder order, String file, long expected) {
        try {
            long[] v = values(ch, dir, at, order, file);
            return v.length == 1 && v[0] == expected;
        } catch (IOException e) {
            return false;
        }
    }

    /** The values of the directory entry at {@code at} (SHORT or LONG), inline or at their offset. */
    private static long[] values(SeekableByteChannel ch, ByteBuffer dir, int at, ByteOrder order, String file)
            throws IOException {
        int type = dir.getShort(at + 2) & 0xFFFF;
        long count = dir.getInt(at + 4) & 0xFFFFFFFFL;
        int size = type == TYPE_SHORT ? 2 : type == TYPE_LONG ? 4 : -1;
        int tag = dir.getShort(at) & 0xFFFF;
        if (size < 0 || count == 0 || count > (1 << 24)) {
            throw new IOException(
                    "Invalid TIFF " + file + ": tag " + tag + " has type " + type + " and " + count + " values");
        }
        ByteBuffer data = count * size <= 4
                ? dir.duplicate().order(order).position(at + 8).slice().order(order)
                : readAt(ch, dir.getInt(at + 8) & 0xFFFFFFFFL, (int) (count * size), order, file);
        long[] out = new long[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = size == 2 ? data.getShort(i * 2) & 0xFFFF : data.getInt(i * 4) & 0xFFFFFFFFL;
        }
        return out;
    }

    static ByteBuffer readAt(SeekableByteChannel ch, long position, int length, ByteOrder order, String file)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order);
        while (buffer.hasRemaining()) {
            ch.position(position + buffer.position());
            if (ch.read(buffer) < 0) {
                throw new EOFException("Truncated TIFF " + file + ": needs bytes up to " + (position + length)
                        + ", file has " + ch.size());
            }
        }
        return buffer;
    }

    private static String compressionName(long code) {
        return switch ((int) code) {
            case 5 -> "LZW (5)";
            case 7 -> "JPEG (7)";
            case 8, 32946 -> "Deflate (" + code + ")";
            case 32773 -> "PackBits (32773)";
            default -> String.valueOf(code);
        };
    }

    private static String sampleFormatName(long format) {
        return switch ((int) format) {
            case 1 -> "unsigned integer";
            case 2 -> "signed integer";
            case 3 -> "floating point";
            default -> "sample format " + format;
        };
    }
}
