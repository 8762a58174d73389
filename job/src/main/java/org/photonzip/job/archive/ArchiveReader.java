package org.photonzip.job.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.job.fs.HadoopFiles;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A committed archive opened for reading: refuses a directory without {@code _SUCCESS}, checks that every file the
 * commit marker lists is there with its length, and reads the summary and manifest.
 */
public final class ArchiveReader {
    private final FileSystem fs;
    private final Configuration conf;
    private final Path root;
    private final CommitMarker marker;
    private final Summary summary;
    private final List<TileRow> rows;

    private ArchiveReader(FileSystem fs, Configuration conf, Path root, CommitMarker marker, Summary summary,
                          List<TileRow> rows) {
        this.fs = fs;
        this.conf = conf;
        this.root = root;
        this.marker = marker;
        this.summary = summary;
        this.rows = rows;
    }

    public static ArchiveReader open(String location, Configuration conf) throws IOException {
        Path root = HadoopFiles.path(location);
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        root = fs.makeQualified(root);
        FileStatus status;
        try {
            status = fs.getFileStatus(root);
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(location, null, "no such archive");
        }
        if (!status.isDirectory()) {
            throw new InvalidArchiveException("Invalid archive " + location + ": not a directory");
        }
        Path success = new Path(root, ArchiveLayout.SUCCESS);
        if (!fs.exists(success)) {
            throw new InvalidArchiveException("Invalid archive " + location + ": no " + ArchiveLayout.SUCCESS
                    + " (the archive is incomplete or was never committed)");
        }
        CommitMarker marker = CommitMarker.parse(readAll(fs, success), location);
        Map<String, Long> present = new HashMap<>();
        for (FileStatus s : fs.listStatus(root)) {
            present.put(s.getPath().getName(), s.getLen());
        }
        Path packs = new Path(root, ArchiveLayout.PACKS);
        if (fs.exists(packs)) {
            for (FileStatus s : fs.listStatus(packs)) {
                present.put(ArchiveLayout.PACKS + "/" + s.getPath().getName(), s.getLen());
            }
        }
        for (Map.Entry<String, Long> f : marker.files().entrySet()) {
            if (f.getKey().equals(ArchiveLayout.REPORT)) {
                continue; // a derived view, regenerated in place by `photonzip report`
            }
            Long length = present.get(f.getKey());
            if (length == null) {
                throw new InvalidArchiveException("Invalid archive " + location + ": " + f.getKey() + " is missing");
            }
            if (length.longValue() != f.getValue()) {
                throw new InvalidArchiveException("Invalid archive " + location + ": " + f.getKey() + " has " + length
                        + " bytes, the commit recorded " + f.getValue());
            }
        }
        Summary summary = Summary.parse(readAll(fs, new Path(root, ArchiveLayout.SUMMARY)), location);
        List<TileRow> rows = Manifest.readParquet(fs, new Path(root, ArchiveLayout.MANIFEST), conf);
        for (TileRow r : rows) {
            if (!marker.files().containsKey(ArchiveLayout.PACKS + "/" + r.pack())) {
                throw new InvalidArchiveException("Invalid archive " + location + ": the manifest references "
                        + r.pack() + ", which the commit does not list");
            }
        }
        if (rows.size() != marker.tiles()) {
            throw new InvalidArchiveException("Invalid archive " + location + ": the manifest has " + rows.size()
                    + " rows, the commit recorded " + marker.tiles());
        }
        return new ArchiveReader(fs, conf, root, marker, summary, List.copyOf(rows));
    }

    private static byte[] readAll(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new InvalidArchiveException("Invalid archive " + file.getParent() + ": " + file.getName() + " is missing");
        }
    }

    private org.photonzip.job.TileCompressor compressor;

    public Path root() {
        return root;
    }

    public CommitMarker marker() {
        return marker;
    }

    public Summary summary() {
        return summary;
    }

    public List<TileRow> rows() {
        return rows;
    }

    public Configuration conf() {
        return conf;
    }

    /** The compressed stream of {@code row}, checked against the manifest's CRC32C. */
    public byte[] readTile(TileRow row) throws IOException {
        return readTile(fs, root, row);
    }

    public static byte[] readTile(FileSystem fs, Path root, TileRow row) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(row.length())];
        try (FSDataInputStream in = fs.open(ArchiveLayout.pack(root, row.pack()))) {
            in.readFully(row.offset(), bytes, 0, bytes.length);
        }
        long crc = PackWriter.crc32c(bytes, 0, bytes.length);
        if (crc != row.crc32c()) {
            throw new InvalidArchiveException(String.format("Corrupt archive %s: %s in %s at offset %d has CRC32C %08x, "
                    + "the manifest recorded %08x", root, row.position(), row.pack(), row.offset(), crc, row.crc32c()));
        }
        return bytes;
    }

    /**
     * The codec for this archive's tiles: with its learned model when {@code summary.json} names one, whose
     * file must be present and hash to that name.
     */
    public org.photonzip.job.TileCompressor compressor() throws IOException {
        if (compressor == null) {
            String hash = summary.json().path("codec").path("model_sha256").asText(null);
            org.photonzip.codec.learned.ModelFile model = null;
            if (hash != null && !hash.isEmpty() && !"null".equals(hash)) {
                byte[] bytes;
                try (InputStream in = fs.open(new Path(root, ArchiveLayout.MODEL))) {
                    bytes = in.readAllBytes();
                } catch (java.io.FileNotFoundException e) {
                    throw new InvalidArchiveException("Invalid archive " + root + ": " + ArchiveLayout.MODEL
                            + " is missing but summary.json names model " + hash);
                }
                try {
                    model = org.photonzip.codec.learned.ModelFile.parse(bytes);
                } catch (org.photonzip.codec.learned.InvalidModelException e) {
                    throw new InvalidArchiveException("Corrupt archive " + root + ": " + e.getMessage(), e);
                }
                if (!model.hashHex().equals(hash)) {
                    throw new InvalidArchiveException("Corrupt archive " + root + ": " + ArchiveLayout.MODEL
                            + " is model " + model.hashHex() + ", summary.json names " + hash);
                }
            }
            compressor = org.photonzip.job.TileCompressor.forArchive(model);
        }
        return compressor;
    }

    /** Copies {@code metadata.h5} to {@code dir} and returns the local copy. */
    public java.nio.file.Path fetchMetadata(java.nio.file.Path dir) throws IOException {
        java.nio.file.Path local = dir.resolve(ArchiveLayout.METADATA);
        try (InputStream in = fs.open(new Path(root, ArchiveLayout.METADATA))) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }
}
