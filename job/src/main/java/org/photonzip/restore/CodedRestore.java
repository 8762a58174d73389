package org.photonzip.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.CheckedTile;
import org.photonzip.archive.CodedDataset;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.hdf5.MetadataSamples;
import org.photonzip.hdf5.RestoredFile;

/**
 * Decodes the datasets kept in {@code metadata-samples.pz} (flats, darks, ...) into the restored file. The file is
 * copied beside the output and checked against its SHA-256 in {@code _SUCCESS}; before a sample is written each
 * entry is checked: its parts are exactly the ones the format prescribes for its shape (so
 * they cover it once), each lies inside the file and passes the one checked decode ({@link CheckedTile#decodePart}:
 * identity, shape, recorded SHA-256), and the samples together hash to the entry's SHA-256.
 */
final class CodedRestore {
    private CodedRestore() {}

    /** Writes every coded dataset of {@code archive} into {@code out}, using {@code scratch} for the checked copy. */
    static void writeAll(ArchiveReader archive, RestoredFile out, Path scratch) throws IOException {
        List<CodedDataset> entries = archive.summary().codedDatasets();
        if (entries.isEmpty()) {
            return;
        }
        if (!archive.marker().files().containsKey(ArchiveLayout.METADATA_SAMPLES)) {
            throw invalid(
                    archive,
                    ArchiveLayout.METADATA_SAMPLES + " is not listed in _SUCCESS but summary.json codes "
                            + entries.size() + " dataset(s) in it");
        }
        Path local = archive.fetchMetadataSamples(scratch);
        try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            long size = in.size();
            for (CodedDataset e : entries) {
                checkParts(archive, e);
                MetadataSamples.WholeHash whole = new MetadataSamples.WholeHash();
                try {
                    out.writeCoded(entry(e), part -> {
                        short[] s = decode(archive, in, size, e, e.parts().get(part.index()));
                        whole.add(s);
                        return s;
                    });
                } catch (UncheckedIOException u) {
                    throw u.getCause();
                } catch (IllegalArgumentException bad) {
                    throw invalid(archive, bad.getMessage());
                }
                if (!whole.hex().equals(e.sha256())) {
                    throw invalid(
                            archive,
                            e.path() + " decodes to samples with SHA-256 " + whole.hex() + ", summary.json recorded "
                                    + e.sha256());
                }
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The dataset as the HDF5 writer takes it: each part numbered by its place in the entry. */
    private static RestoredFile.CodedEntry entry(CodedDataset e) {
        List<RestoredFile.CodedPart> parts = new java.util.ArrayList<>();
        for (int i = 0; i < e.parts().size(); i++) {
            CodedDataset.Part p = e.parts().get(i);
            parts.add(new RestoredFile.CodedPart(i, p.t0(), p.frames(), p.y0(), p.rows()));
        }
        return new RestoredFile.CodedEntry(e.path(), e.dtype(), e.shape(), parts);
    }

    private static void checkParts(ArchiveReader archive, CodedDataset e) {
        List<int[]> expected = MetadataSamples.parts(new long[] {e.shape()[0], e.shape()[1], e.shape()[2]});
        boolean same = expected.size() == e.parts().size();
        for (int i = 0; same && i < expected.size(); i++) {
            CodedDataset.Part p = e.parts().get(i);
            same = Arrays.equals(expected.get(i), new int[] {p.t0(), p.frames(), p.y0(), p.rows()});
        }
        if (!same) {
            throw invalid(
                    archive,
                    "summary.json's parts of " + e.path() + " do not cover its shape " + Arrays.toString(e.shape())
                            + " as docs/archive-format.md §5.1 prescribes");
        }
    }

    private static short[] decode(
            ArchiveReader archive, FileChannel in, long size, CodedDataset e, CodedDataset.Part p) {
        String where = e.path() + " frames " + p.t0() + "+" + p.frames() + " rows " + p.y0() + "+" + p.rows();
        if (p.offset() > size || p.length() > size - p.offset() || p.length() > Integer.MAX_VALUE) {
            throw invalid(
                    archive,
                    where + ": bytes " + p.offset() + "+" + p.length() + " lie outside "
                            + ArchiveLayout.METADATA_SAMPLES + " (" + size + " bytes)");
        }
        ByteBuffer stream = ByteBuffer.allocate((int) p.length());
        try {
            while (stream.hasRemaining()) {
                if (in.read(stream, p.offset() + stream.position()) < 0) {
                    throw new IOException("Cannot read " + ArchiveLayout.METADATA_SAMPLES + ": it ended early");
                }
            }
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        int[] d = e.shape();
        return CheckedTile.decodePart(
                stream.array(),
                MetadataSamples.identity(e.path(), new long[] {d[0], d[1], d[2]}, p.t0(), p.frames(), p.y0(), p.rows()),
                p,
                d[2],
                archive.root().toString(),
                where);
    }

    private static InvalidArchiveException invalid(ArchiveReader archive, String reason) {
        return new InvalidArchiveException("Invalid archive " + archive.root() + ": " + reason);
    }
}
