package org.photonzip.archive;

import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.bound.ErrorBound;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.codec.MalformedStreamException;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.tiles.TileCompressor;

import java.io.EOFException;
import java.io.IOException;

/**
 * The one checked decoding of a tile, shared by every reader (verify, decompress, info, report, explain): the
 * stored bytes against the manifest's CRC32C, the stream decoded against the identity the validated manifest
 * gives it (shape and, in tile format 2, dataset, place and stack; checked before anything is allocated), and
 * the decoded samples against the manifest's {@code pixel_sha256}. Anything else is refused as a
 * {@link TileCheckException} that names the archive, the pack, the tile and the field.
 */
public final class CheckedTile {
    private CheckedTile() {
    }

    /** The largest sample value of a dtype (int8 and int16 stacks hold non-negative values). */
    static int maxValue(String dtype) {
        return switch (dtype) {
            case "uint8" -> 255;
            case "int8" -> 127;
            case "int16" -> 32767;
            default -> 65535;
        };
    }

    /** Reads the {@code row.length()} bytes of a validated row's stream from its pack under {@code root}. */
    public static byte[] read(FileSystem fs, Path root, TileRow row) throws IOException {
        byte[] stream = new byte[(int) row.length()];
        try (FSDataInputStream in = fs.open(ArchiveLayout.pack(root, row.pack()))) {
            in.readFully(row.offset(), stream, 0, stream.length);
        } catch (EOFException e) {
            throw new TileCheckException("Invalid tile in " + root + ": " + row.position() + ": " + ArchiveLayout.PACKS
                    + "/" + row.pack() + " ends before byte " + (row.offset() + row.length()), e);
        }
        return stream;
    }

    /**
     * @param row    a row of a validated manifest (its length is within its shape's bound)
     * @param stream exactly the {@code row.length()} bytes read at {@code row.offset()} in its pack
     * @param shape  the stack's shape, from the validated summary
     * @param dtype  the stack's dtype, from the validated summary: every sample must be one of its values
     */
    public static Tile decode(TileRow row, byte[] stream, TileCompressor codec, int[] shape, String dtype,
                              String archive) {
        return check(row, stream, shape, dtype, archive, id -> new DecodedTile(codec.decode(stream, 0, stream.length,
                id), ErrorBound.none(), null)).tile();
    }

    /** The same checks, also giving an error-bounded tile's bound and every sample's bound (for verify). */
    public static DecodedTile decodeWithBounds(TileRow row, byte[] stream, TileCompressor codec, int[] shape,
                                               String dtype, String archive) {
        return check(row, stream, shape, dtype, archive, id -> codec.decodeWithBounds(stream, 0, stream.length, id));
    }

    /**
     * The checks that need no decode, for copying a stream as it is (export): the stored bytes against the
     * manifest's length and CRC32C, and the stream's header (its own CRC32C, fields) and identity against the row.
     * The samples' {@code pixel_sha256} is not checked: that needs {@link #decode}.
     */
    public static void checkStream(TileRow row, byte[] stream, int[] shape, String archive) {
        String where = checkBytes(row, stream, archive);
        try {
            TileCodec.checkStream(stream, 0, stream.length, row.identity(shape));
        } catch (MalformedStreamException e) {
            throw new TileCheckException(where + ": stream byte " + e.offset() + " (pack byte "
                    + (row.offset() + e.offset()) + "): " + e.getMessage(), e);
        } catch (PhotonzipException e) {
            throw new TileCheckException(where + ": " + e.getMessage(), e);
        }
    }

    /** The stored bytes against the manifest's length and CRC32C; returns the tile's description for messages. */
    private static String checkBytes(TileRow row, byte[] stream, String archive) {
        String where = "Invalid tile in " + archive + ": " + row.position() + " (" + ArchiveLayout.PACKS + "/"
                + row.pack() + " at offset " + row.offset() + ")";
        if (stream.length != row.length()) {
            throw new TileCheckException(where + ": field length: " + stream.length + " bytes read, the manifest "
                    + "recorded " + row.length());
        }
        long crc = PackWriter.crc32c(stream, 0, stream.length);
        if (crc != row.crc32c()) {
            throw new TileCheckException(String.format("%s: field crc32c: the stored bytes have CRC32C %08x, the "
                    + "manifest recorded %08x", where, crc, row.crc32c()));
        }
        return where;
    }

    private static DecodedTile check(TileRow row, byte[] stream, int[] shape, String dtype, String archive,
                                     java.util.function.Function<org.photonzip.codec.TileIdentity, DecodedTile> decoder) {
        String where = checkBytes(row, stream, archive);
        DecodedTile decoded;
        try {
            decoded = decoder.apply(row.identity(shape));
        } catch (MalformedStreamException e) {
            throw new TileCheckException(where + ": stream byte " + e.offset() + " (pack byte "
                    + (row.offset() + e.offset()) + "): " + e.getMessage(), e);
        } catch (PhotonzipException e) {
            throw new TileCheckException(where + ": " + e.getMessage(), e);
        }
        int max = maxValue(dtype);
        short[] samples = decoded.tile().samples();
        for (int i = 0; i < samples.length; i++) {
            if ((samples[i] & 0xFFFF) > max) {
                throw new TileCheckException(where + ": sample " + i + " is " + (samples[i] & 0xFFFF)
                        + ", beyond the stack's dtype " + dtype + " (summary.json field source.dtype)");
            }
        }
        String hash = PixelHash.sha256(samples);
        if (!hash.equals(row.pixelSha256())) {
            throw new TileCheckException(where + ": field pixel_sha256: the decoded samples have SHA-256 " + hash
                    + ", the manifest recorded " + row.pixelSha256());
        }
        return decoded;
    }
}
