package org.photonzip.restore;

import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.hdf5.MetadataSamples;
import org.photonzip.hdf5.RestoredFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the datasets kept in {@code metadata-samples.pz} (flats, darks, ...) into the restored file. The file is
 * copied beside the output and checked against its SHA-256 in {@code _SUCCESS}; before a sample is written each
 * entry is checked: its parts are exactly the ones the format prescribes for its shape (so
 * they cover it once), each lies inside the file, decodes to its shape and to its recorded SHA-256, and the
 * samples together hash to the entry's SHA-256.
 */
final class CodedRestore {
    private CodedRestore() {
    }

    /** Writes every coded dataset of {@code archive} into {@code out}, using {@code scratch} for the checked copy. */
    static void writeAll(ArchiveReader archive, RestoredFile out, Path scratch) throws IOException {
        List<MetadataSamples.Entry> entries = archive.summary().codedDatasets();
        if (entries.isEmpty()) {
            return;
        }
        if (!archive.marker().files().containsKey(MetadataSamples.FILE)) {
            throw invalid(archive, MetadataSamples.FILE + " is not listed in _SUCCESS but summary.json codes "
                    + entries.size() + " dataset(s) in it");
        }
        Path local = archive.fetchMetadataSamples(scratch);
        try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            long size = in.size();
            for (MetadataSamples.Entry e : entries) {
                checkParts(archive, e);
                MetadataSamples.WholeHash whole = new MetadataSamples.WholeHash();
                try {
                    out.writeCoded(e, part -> {
                        short[] s = decode(archive, in, size, e, part);
                        whole.add(s);
                        return s;
                    });
                } catch (UncheckedIOException u) {
                    throw u.getCause();
                } catch (IllegalArgumentException bad) {
                    throw invalid(archive, bad.getMessage());
                }
                if (!whole.hex().equals(e.sha256())) {
                    throw invalid(archive, e.path() + " decodes to samples with SHA-256 " + whole.hex()
                            + ", summary.json recorded " + e.sha256());
                }
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private static void checkParts(ArchiveReader archive, MetadataSamples.Entry e) {
        List<int[]> expected = MetadataSamples.parts(new long[]{e.shape()[0], e.shape()[1], e.shape()[2]});
        boolean same = expected.size() == e.parts().size();
        for (int i = 0; same && i < expected.size(); i++) {
            MetadataSamples.Part p = e.parts().get(i);
            same = Arrays.equals(expected.get(i), new int[]{p.t0(), p.frames(), p.y0(), p.rows()});
        }
        if (!same) {
            throw invalid(archive, "summary.json's parts of " + e.path() + " do not cover its shape "
                    + Arrays.toString(e.shape()) + " as docs/archive-format.md §5.1 prescribes");
        }
    }

    private static short[] decode(ArchiveReader archive, FileChannel in, long size, MetadataSamples.Entry e,
                                  MetadataSamples.Part p) {
        String where = e.path() + " frames " + p.t0() + "+" + p.frames() + " rows " + p.y0() + "+" + p.rows();
        if (p.offset() > size || p.length() > size - p.offset() || p.length() > Integer.MAX_VALUE) {
            throw invalid(archive, where + ": bytes " + p.offset() + "+" + p.length() + " lie outside "
                    + MetadataSamples.FILE + " (" + size + " bytes)");
        }
        ByteBuffer stream = ByteBuffer.allocate((int) p.length());
        try {
            while (stream.hasRemaining()) {
                if (in.read(stream, p.offset() + stream.position()) < 0) {
                    throw new IOException("Cannot read " + MetadataSamples.FILE + ": it ended early");
                }
            }
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        Tile tile;
        try {
            int[] d = e.shape();
            tile = TileCodec.decode(stream.array(), 0, stream.capacity(), null, MetadataSamples.identity(e.path(),
                    new long[]{d[0], d[1], d[2]}, p.t0(), p.frames(), p.y0(), p.rows()));
        } catch (RuntimeException bad) {
            throw invalid(archive, where + " in " + MetadataSamples.FILE + " does not decode: " + bad.getMessage());
        }
        if (tile.frames() != p.frames() || tile.height() != p.rows() || tile.width() != e.shape()[2]) {
            throw invalid(archive, where + " decodes to a " + tile + ", not " + p.frames() + " x " + p.rows() + " x "
                    + e.shape()[2]);
        }
        String hash = MetadataSamples.sha256(tile.samples());
        if (!hash.equals(p.sha256())) {
            throw invalid(archive, where + " decodes to samples with SHA-256 " + hash + ", summary.json recorded "
                    + p.sha256());
        }
        return tile.samples();
    }

    private static InvalidArchiveException invalid(ArchiveReader archive, String reason) {
        return new InvalidArchiveException("Corrupt archive " + archive.root() + ": " + reason);
    }
}
