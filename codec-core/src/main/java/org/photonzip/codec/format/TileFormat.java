package org.photonzip.codec.format;

/** Constants of the tile stream layout, version 1; specified in docs/tile-format.md. */
public final class TileFormat {
    /** "PZTL": photonzip tile. */
    public static final int MAGIC = 0x4C545A50;
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 32;

    /** Body is the samples as little-endian uint16 (incompressible tiles). */
    public static final int METHOD_STORED = 0;
    /** Body is value map, model, tables, rANS and raw bits. */
    public static final int METHOD_MODELLED = 1;

    /**
     * Header flag (byte 6, bit 0): the modelled body codes every sample within an error bound (docs/tile-format.md
     * §5), so the decoded samples are the encoder's reconstruction, not the source.
     */
    public static final int FLAG_BOUNDED = 1;

    private TileFormat() {
    }
}
