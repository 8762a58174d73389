package org.photonzip.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.CheckedTile;
import org.photonzip.archive.FileEntry;
import org.photonzip.archive.TileCheckException;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.Tile;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.source.SlabReader;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;

/**
 * Checks one pack on an executor in one sequential read: the pack's SHA-256 against the commit record (when
 * known), every tile through {@link CheckedTile} (CRC32C, stream and identity, pixel SHA-256) and, given the
 * source, every value against the source.
 */
final class VerifyTask implements Function<List<TileRow>, PackCheck> {
    private final String root;
    private final int[] shape;
    private final String dtype;
    private final java.util.Map<String, FileEntry> packs;
    private final Broadcast<SerializableConfiguration> conf;
    private final StackDescriptor against;
    private final TileCompressor codec;

    VerifyTask(
            String root,
            int[] shape,
            String dtype,
            java.util.Map<String, FileEntry> packs,
            Broadcast<SerializableConfiguration> conf,
            StackDescriptor against,
            TileCompressor codec) {
        this.root = root;
        this.shape = shape;
        this.dtype = dtype;
        this.packs = packs;
        this.conf = conf;
        this.against = against;
        this.codec = codec;
    }

    @Override
    public PackCheck call(List<TileRow> rows) throws IOException {
        Configuration hadoop = conf.value().get();
        List<TileRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(TileRow::offset));
        String name = sorted.get(0).pack();
        Path pack = ArchiveLayout.pack(new Path(root), name);
        FileSystem fs = HadoopFiles.fileSystem(pack, hadoop);
        List<String> failures = new ArrayList<>();
        long samples = 0;
        long bytes = 0;
        int[] maxError = new int[1];
        FileEntry listed = packs == null ? null : packs.get(name);
        SlabReader source = against == null ? null : SlabReader.open(against, hadoop, null);
        try (HashingReader in = new HashingReader(fs.open(pack))) {
            for (TileRow row : sorted) {
                String failure = check(in, row, source, maxError);
                if (failure != null) {
                    failures.add(failure);
                }
                samples += row.samples();
                bytes += row.length();
            }
            if (listed != null) {
                in.skipTo(Long.MAX_VALUE);
                String sha = in.sha256();
                if (in.position() != listed.bytes() || !sha.equals(listed.sha256())) {
                    failures.add(ArchiveLayout.PACKS + "/" + name + ": field sha256: the pack has " + in.position()
                            + " bytes with SHA-256 " + sha + ", _SUCCESS says " + listed.bytes() + " bytes with "
                            + listed.sha256());
                }
            }
        } catch (IOException e) {
            failures.add(ArchiveLayout.PACKS + "/" + name + ": cannot be read: " + e.getMessage());
        } finally {
            if (source != null) {
                source.close();
            }
        }
        return new PackCheck(sorted.size(), samples, bytes, failures, maxError[0]);
    }

    private String check(HashingReader in, TileRow row, SlabReader source, int[] maxError) throws IOException {
        Tile tile;
        DecodedTile decoded;
        try {
            in.skipTo(row.offset());
            byte[] stream = in.read((int) row.length());
            decoded = CheckedTile.decodeWithBounds(row, stream, codec, shape, dtype, root);
            tile = decoded.tile();
        } catch (TileCheckException e) {
            return e.getMessage();
        } catch (java.io.EOFException e) {
            return "Invalid tile in " + root + ": " + row.position() + " (" + ArchiveLayout.PACKS + "/" + row.pack()
                    + " at offset " + row.offset() + "): " + e.getMessage();
        }
        if (source == null) {
            return null;
        }
        return decoded.lossless() ? compare(tile, row, source) : BoundCheck.compare(decoded, row, source, maxError);
    }

    private static String compare(Tile tile, TileRow row, SlabReader source) throws IOException {
        short[] decoded = tile.samples();
        String[] first = new String[1];
        source.read(row.t0(), row.frames(), row.y0(), row.height(), row.x0(), row.width(), (t, y, x, src, off, n) -> {
            if (first[0] != null) {
                return;
            }
            int at = ((t - row.t0()) * row.height() + (y - row.y0())) * row.width() + (x - row.x0());
            for (int i = 0; i < n; i++) {
                if (decoded[at + i] != src[off + i]) {
                    first[0] = row.position() + " differs from the source at frame " + t + " row " + y + " column "
                            + (x + i) + ": " + (decoded[at + i] & 0xFFFF) + " restored, " + (src[off + i] & 0xFFFF)
                            + " in the source";
                    return;
                }
            }
        });
        return first[0];
    }
}
