package org.photonzip.archive;

import java.io.EOFException;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.MalformedStreamException;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.codec.SampleHash;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.source.Dtype;
import org.photonzip.tiles.TileCompressor;

/**
 * The one checked decoding of a tile, shared by every reader (verify, decompress, info, report, explain): the
 * stored bytes against the manifest's CRC32C, the stream decoded against the identity the validated manifest
 * gives it (shape and, in tile format 2, dataset, place and stack; checked before anything is allocated), and
 * the decoded samples against the manifest's {@code pixel_sha256}, and the stream's error bound against the
 * archive's (the codec's: {@code codec.error_bound} of summary.json, or lossless). Anything else is refused as a
 * {@link TileCheckException} that names the archive, the pack, the tile and the field.
 */
public final class CheckedTile {
    private CheckedTile() {}

    /** The largest sample value of a dtype (int8 and int16 stacks hold non-negative values). */
    static int maxValue(String dtype) {
        return Dtype.of(dtype).maxSample();
    }

    /** Reads the {@code row.length()} bytes of a validated row's stream from its pack under {@code root}. */
    public static byte[] read(FileSystem fs, Path root, TileRow row) throws IOException {
        byte[] stream = new byte[(int) row.length()];
        try (FSDataInputStream in = fs.open(ArchiveLayout.pack(root, row.pack()))) {
            in.readFully(row.offset(), stream, 0, stream.length);
        } catch (EOFException e) {
            throw new TileCheckException(
                    "Invalid tile in " + root + ": " + row.position() + ": " + ArchiveLayout.PACKS + "/" + row.pack()
                            + " ends before byte " + (row.offset() + row.length()),
                    e);
        }
        return stream;
    }

    /**
     * @param row    a row of a validated manifest (its length is within its shape's bound)
     * @param stream exactly the {@code row.length()} bytes read at {@code row.offset()} in its pack
     * @param shape  the stack's shape, from the validated summary
     * @param dtype  the stack's dtype, from the validated summary: every sample must be one of its values
     */
    public static Tile decode(
            TileRow row, byte[] stream, TileCompressor codec, int[] shape, String dtype, String archive) {
        return check(
                        row,
                        stream,
                        codec,
                        shape,
                        dtype,
                        archive,
                        id -> codec.decodeDetailed(stream, 0, stream.length, id))
                .tile();
    }

    /** The same checks, also giving an error-bounded tile's bound and every sample's bound (for verify). */
    public static DecodedTile decodeWithBounds(
            TileRow row, byte[] stream, TileCompressor codec, int[] shape, String dtype, String archive) {
        return check(
                row, stream, codec, shape, dtype, archive, id -> codec.decodeWithBounds(stream, 0, stream.length, id));
    }

    /**
     * The checks that need no decode, for copying a stream as it is (export): the stored bytes against the
     * manifest's length and CRC32C, and the stream's header (its own CRC32C, fields) and identity against the row.
     * Its mode (lossless or error-bounded, the header's flag) must be the archive's; the bound's value, and the
     * samples' {@code pixel_sha256}, need {@link #decode}.
     */
    public static void checkStream(TileRow row, byte[] stream, TileCompressor codec, int[] shape, String archive) {
        String where = checkBytes(row, stream, archive);
        try {
            TileCodec.checkStream(stream, 0, stream.length, row.identity(shape));
        } catch (MalformedStreamException e) {
            throw new TileCheckException(
                    where + ": stream byte " + e.offset() + " (pack byte " + (row.offset() + e.offset()) + "): "
                            + e.getMessage(),
                    e);
        } catch (PhotonzipException e) {
            throw new TileCheckException(where + ": " + e.getMessage(), e);
        }
        boolean bounded = (stream[TileFormat.AT_FLAGS] & TileFormat.FLAG_BOUNDED) != 0;
        boolean stored = stream[TileFormat.AT_METHOD] == TileFormat.METHOD_STORED;
        if (bounded == codec.errorBound().isLossless() && !(stored && !bounded)) {
            throw new TileCheckException(where + ": field codec.error_bound: the tile stream is "
                    + (bounded ? "error-bounded" : "lossless") + ", summary.json says "
                    + (codec.errorBound().isLossless() ? "lossless (no codec.error_bound)" : mode(codec.errorBound())));
        }
    }

    /**
     * The checked decode of one part of a coded dataset in {@code metadata-samples.pz} (docs/archive-format.md
     * §5.1), classical like every such stream: the stream against the identity of its place (checked before
     * anything is allocated), the decoded shape against the part's, and the samples against the part's recorded
     * SHA-256 ({@code sample_sha256}, hashed as {@code pixel_sha256} is).
     *
     * @param where the part, for messages: dataset, frames and rows
     */
    public static short[] decodePart(
            byte[] stream,
            org.photonzip.codec.TileIdentity identity,
            CodedDataset.Part part,
            int width,
            String archive,
            String where) {
        String at = "Invalid tile in " + archive + ": " + where + " (" + ArchiveLayout.METADATA_SAMPLES + " at offset "
                + part.offset() + ")";
        Tile tile;
        try {
            tile = TileCodec.decode(stream, 0, stream.length, null, identity);
        } catch (MalformedStreamException e) {
            throw new TileCheckException(
                    at + ": stream byte " + e.offset() + " (file byte " + (part.offset() + e.offset()) + "): "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            throw new TileCheckException(at + ": " + e.getMessage(), e);
        }
        if (tile.frames() != part.frames() || tile.height() != part.rows() || tile.width() != width) {
            throw new TileCheckException(at + ": field shape: the stream decodes to a " + tile + ", summary.json "
                    + "recorded " + part.frames() + " x " + part.rows() + " x " + width);
        }
        String hash = SampleHash.of(tile.samples());
        if (!hash.equals(part.sha256())) {
            throw new TileCheckException(at + ": field sample_sha256: the decoded samples have SHA-256 " + hash
                    + ", summary.json recorded " + part.sha256());
        }
        return tile.samples();
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
            throw new TileCheckException(String.format(
                    "%s: field crc32c: the stored bytes have CRC32C %08x, the " + "manifest recorded %08x",
                    where, crc, row.crc32c()));
        }
        return where;
    }

    private static DecodedTile check(
            TileRow row,
            byte[] stream,
            TileCompressor codec,
            int[] shape,
            String dtype,
            String archive,
            java.util.function.Function<org.photonzip.codec.TileIdentity, DecodedTile> decoder) {
        String where = checkBytes(row, stream, archive);
        DecodedTile decoded;
        try {
            decoded = decoder.apply(row.identity(shape));
        } catch (MalformedStreamException e) {
            throw new TileCheckException(
                    where + ": stream byte " + e.offset() + " (pack byte " + (row.offset() + e.offset()) + "): "
                            + e.getMessage(),
                    e);
        } catch (PhotonzipException e) {
            throw new TileCheckException(where + ": " + e.getMessage(), e);
        }
        checkMode(decoded.bound(), stream[TileFormat.AT_METHOD] == TileFormat.METHOD_STORED, codec.errorBound(), where);
        int max = maxValue(dtype);
        short[] samples = decoded.tile().samples();
        for (int i = 0; i < samples.length; i++) {
            if ((samples[i] & 0xFFFF) > max) {
                throw new TileCheckException(where + ": sample " + i + " is " + (samples[i] & 0xFFFF)
                        + ", beyond the stack's dtype " + dtype + " (summary.json field source.dtype)");
            }
        }
        String hash = SampleHash.of(samples);
        if (!hash.equals(row.pixelSha256())) {
            throw new TileCheckException(where + ": field pixel_sha256: the decoded samples have SHA-256 " + hash
                    + ", the manifest recorded " + row.pixelSha256());
        }
        return decoded;
    }

    /**
     * The stream's mode must be the archive's ({@code codec.error_bound} in summary.json, which the codec of an
     * opened archive carries): a lossy stream in an archive that says lossless would otherwise restore and verify
     * as exact. A stored stream is lossless in either mode (the encoder stores a tile that would not shrink).
     */
    private static void checkMode(ErrorBound stream, boolean stored, ErrorBound archive, String where) {
        if (stream.equals(archive) || stored && stream.isLossless()) {
            return;
        }
        throw new TileCheckException(where + ": field codec.error_bound: the tile stream is " + mode(stream)
                + ", summary.json says " + (archive.isLossless() ? "lossless (no codec.error_bound)" : mode(archive)));
    }

    private static String mode(ErrorBound b) {
        return b.isLossless() ? "lossless" : "error-bounded (" + b.describe() + ")";
    }
}
