package org.photonzip.tools.bench;

/** A general-purpose byte compressor used as a baseline: it sees a tile as little-endian uint16 bytes. */
public interface BlockCodec {
    /** Short name used on the command line and in reports, e.g. {@code zstd-19}. */
    String name();

    byte[] compress(byte[] raw);

    /** Restores exactly {@code rawLength} bytes; throws if the stream does not hold that many. */
    byte[] decompress(byte[] compressed, int rawLength);
}
