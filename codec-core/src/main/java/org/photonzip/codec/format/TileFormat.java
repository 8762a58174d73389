package org.photonzip.codec.format;

/** Constants of the tile stream layout; specified in docs/tile-format.md. */
public final class TileFormat {
    /** "PZTL": photonzip tile. */
    public static final int MAGIC = 0x4C545A50;
    /** The version this build writes. */
    public static final int VERSION = 2;
    /** The first version: no identity, 32-byte header. Still decoded. */
    public static final int VERSION_1 = 1;

    public static final int HEADER_BYTES = 60;
    public static final int HEADER_BYTES_V1 = 32;

    /** Body is the samples as little-endian uint16 (incompressible tiles). */
    public static final int METHOD_STORED = 0;
    /** Body is value map, model, tables, rANS and raw bits. */
    public static final int METHOD_MODELLED = 1;

    /**
     * Header flag (bit 0 of the u16 at offset 6): the modelled body codes every sample within an error bound
     * (docs/tile-format.md, error-bounded bodies), so the decoded samples are the encoder's reconstruction.
     */
    public static final int FLAG_BOUNDED = 1;
    /** Flags this build decodes; a stream with any other flag set is unsupported, not corrupt. */
    public static final int KNOWN_FLAGS = FLAG_BOUNDED;

    /** Byte offsets of the version-2 header fields. */
    public static final int AT_VERSION = 4;

    public static final int AT_METHOD = 5;
    public static final int AT_FLAGS = 6;
    public static final int AT_FRAMES = 8;
    public static final int AT_HEIGHT = 12;
    public static final int AT_WIDTH = 16;
    public static final int AT_SAMPLE_CRC = 20;
    public static final int AT_BODY_LENGTH = 24;
    public static final int AT_T0 = 28;
    public static final int AT_Y0 = 32;
    public static final int AT_X0 = 36;
    public static final int AT_DATASET_TAG = 40;
    public static final int AT_STACK_FRAMES = 44;
    public static final int AT_STACK_HEIGHT = 48;
    public static final int AT_STACK_WIDTH = 52;
    public static final int AT_STREAM_CRC = 56;
    /** Version 1 keeps its stream CRC right after the body length. */
    public static final int AT_STREAM_CRC_V1 = 28;

    /** Largest tile a decoder given no expected identity allocates, unless told otherwise: 2^27 samples. */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 27;

    private TileFormat() {}
}
