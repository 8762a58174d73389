package org.photonzip.job.verify;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.Tile;
import org.photonzip.job.TileCompressor;
import org.photonzip.job.archive.ArchiveLayout;
import org.photonzip.job.archive.PackWriter;
import org.photonzip.job.archive.TileRow;
import org.photonzip.job.compress.PixelHash;
import org.photonzip.job.fs.HadoopFiles;
import org.photonzip.job.fs.SerializableConfiguration;
import org.photonzip.job.source.SlabReader;
import org.photonzip.job.source.StackDescriptor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the tiles of one pack on an executor: the stream's CRC32C against the manifest, a full decode (which
 * checks the stream's own CRCs), the decoded samples' SHA-256 against the manifest and, given the source, every
 * value against the source.
 */
final class VerifyTask implements Function<List<TileRow>, PackCheck> {
    private final String root;
    private final Broadcast<SerializableConfiguration> conf;
    private final StackDescriptor against;
    private final TileCompressor codec;

    VerifyTask(String root, Broadcast<SerializableConfiguration> conf, StackDescriptor against, TileCompressor codec) {
        this.root = root;
        this.conf = conf;
        this.against = against;
        this.codec = codec;
    }

    @Override
    public PackCheck call(List<TileRow> rows) throws IOException {
        Configuration hadoop = conf.value().get();
        List<TileRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(TileRow::offset));
        Path pack = ArchiveLayout.pack(new Path(root), sorted.get(0).pack());
        FileSystem fs = HadoopFiles.fileSystem(pack, hadoop);
        List<String> failures = new ArrayList<>();
        long samples = 0;
        long bytes = 0;
        int[] maxError = new int[1];
        SlabReader source = against == null ? null : SlabReader.open(against, hadoop, null);
        try (FSDataInputStream in = fs.open(pack)) {
            for (TileRow row : sorted) {
                String failure = check(in, row, source, maxError);
                if (failure != null) {
                    failures.add(row.position() + " (" + row.pack() + " @" + row.offset() + "): " + failure);
                }
                samples += row.samples();
                bytes += row.length();
            }
        } catch (IOException e) {
            failures.add(pack.getName() + ": " + e.getMessage());
        } finally {
            if (source != null) {
                source.close();
            }
        }
        return new PackCheck(sorted.size(), samples, bytes, failures, maxError[0]);
    }

    private String check(FSDataInputStream in, TileRow row, SlabReader source, int[] maxError) throws IOException {
        byte[] stream = new byte[Math.toIntExact(row.length())];
        try {
            in.readFully(row.offset(), stream, 0, stream.length);
        } catch (IOException e) {
            return "cannot read " + row.length() + " bytes: " + e.getMessage();
        }
        long crc = PackWriter.crc32c(stream, 0, stream.length);
        if (crc != row.crc32c()) {
            return String.format("CRC32C of the stored bytes is %08x, the manifest recorded %08x", crc, row.crc32c());
        }
        Tile tile;
        DecodedTile decoded;
        try {
            decoded = codec.decodeWithBounds(stream, 0, stream.length);
            tile = decoded.tile();
        } catch (RuntimeException e) {
            return "does not decode: " + e.getMessage();
        }
        if (tile.frames() != row.frames() || tile.height() != row.height() || tile.width() != row.width()) {
            return "decodes to " + tile + ", the manifest says " + row.frames() + "x" + row.height() + "x" + row.width();
        }
        String hash = PixelHash.sha256(tile.samples());
        if (!hash.equals(row.pixelSha256())) {
            return "SHA-256 of the decoded samples is " + hash + ", the manifest recorded " + row.pixelSha256();
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
                    first[0] = "differs from the source at frame " + t + " row " + y + " column " + (x + i) + ": "
                            + (decoded[at + i] & 0xFFFF) + " restored, " + (src[off + i] & 0xFFFF) + " in the source";
                    return;
                }
            }
        });
        return first[0];
    }
}
