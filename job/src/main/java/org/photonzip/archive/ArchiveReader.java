package org.photonzip.archive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.codec.Tile;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.tiles.TileCompressor;

/**
 * The one way into a committed archive (docs/archive-format.md, "Reading"). {@link #open} validates before
 * anything is used: {@code _SUCCESS} parses and lists only paths inside the archive; every listed file is there
 * with its length; summary.json, the manifest, model.pzm and the other small files match their SHA-256 (format 2;
 * metadata.h5 is checked when fetched, packs by verify, report.html is a derived view); the summary's fields
 * and every manifest row are valid and the rows cover the stack exactly once. {@link #decodeTile} then reads and
 * checks any tile, with allocation bounded by the validated row.
 */
public final class ArchiveReader {
    static final long MAX_SUCCESS_BYTES = 256L << 20;
    static final long MAX_SUMMARY_BYTES = 64L << 20;
    static final long MAX_MODEL_BYTES = 256L << 20;
    /** How many tiles {@link #checkModeOnFirstTiles} checks at most. */
    static final int MODE_PROBES = 16;

    private final FileSystem fs;
    private final Configuration conf;
    private final Path root;
    private final CommitMarker marker;
    private final String digest;
    private final Summary summary;
    private final List<TileRow> rows;
    private final TileCompressor compressor;
    private final ArchiveFiles files;

    private ArchiveReader(
            FileSystem fs,
            Configuration conf,
            Path root,
            CommitMarker marker,
            String digest,
            Summary summary,
            List<TileRow> rows,
            TileCompressor compressor,
            ArchiveFiles files) {
        this.fs = fs;
        this.conf = conf;
        this.root = root;
        this.marker = marker;
        this.digest = digest;
        this.summary = summary;
        this.rows = rows;
        this.compressor = compressor;
        this.files = files;
    }

    /**
     * @throws NoSuchFileException     there is nothing at {@code location}
     * @throws InvalidArchiveException it is not a complete, valid archive (the message names file and field)
     * @throws IOException             the storage could not be read
     */
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
        byte[] markerBytes = readMarker(fs, root, location);
        CommitMarker marker = CommitMarker.parse(markerBytes, location);
        ArchiveFiles files = new ArchiveFiles(fs, root, marker, location);
        ListedFiles.check(fs, root, marker, location);
        Summary summary = Summary.parse(files.read(ArchiveLayout.SUMMARY, MAX_SUMMARY_BYTES), marker, location);
        BoundRecord bound = summary.bound();
        // The archive's mode travels with its codec, so that every checked decode compares each stream's with it.
        TileCompressor compressor = TileCompressor.forArchive(model(files, summary, location))
                .withErrorBound(bound == null ? ErrorBound.none() : bound.bound());
        for (String name : marker.files().keySet()) {
            // Every small file before use; metadata.h5 when it is fetched, packs and report.html (which no read of
            // the samples needs) by verify.
            if (!name.startsWith(ArchiveLayout.PACKS + "/")
                    && !name.equals(ArchiveLayout.METADATA)
                    && !name.equals(ArchiveLayout.REPORT)
                    && !name.equals(ArchiveLayout.SUMMARY)
                    && !name.equals(ArchiveLayout.MODEL)) {
                files.checkHash(name);
            }
        }
        List<TileRow> rows = Manifest.readParquet(new Path(root, ArchiveLayout.MANIFEST), conf, marker.tiles());
        ManifestCheck.check(rows, marker, summary, compressor.model() != null, location);
        return new ArchiveReader(
                fs,
                conf,
                root,
                marker,
                ArchiveFiles.sha256(markerBytes),
                summary,
                List.copyOf(rows),
                compressor,
                files);
    }

    private static byte[] readMarker(FileSystem fs, Path root, String location) throws IOException {
        Path success = new Path(root, ArchiveLayout.SUCCESS);
        FileStatus s;
        try {
            s = fs.getFileStatus(success);
        } catch (FileNotFoundException e) {
            throw new InvalidArchiveException("Invalid archive " + location + ": no " + ArchiveLayout.SUCCESS
                    + " (the archive is incomplete or was never committed)");
        }
        if (s.getLen() > MAX_SUCCESS_BYTES) {
            throw new InvalidArchiveException("Invalid archive " + location + ": _SUCCESS has " + s.getLen()
                    + " bytes, more than a reader accepts (" + MAX_SUCCESS_BYTES + ")");
        }
        try (FSDataInputStream in = fs.open(success)) {
            return in.readNBytes((int) MAX_SUCCESS_BYTES);
        }
    }

    /** The learned model the summary names, from model.pzm checked against its listing and that name; or null. */
    private static ModelFile model(ArchiveFiles files, Summary summary, String location) throws IOException {
        String hash = summary.codec().modelSha256();
        if (hash == null) {
            return null;
        }
        ModelFile model;
        try {
            model = ModelFile.parse(files.read(ArchiveLayout.MODEL, MAX_MODEL_BYTES));
        } catch (PhotonzipException e) {
            if (e instanceof InvalidArchiveException) {
                throw e;
            }
            throw new InvalidArchiveException(
                    "Invalid archive " + location + ": " + ArchiveLayout.MODEL + ": " + e.getMessage(), e);
        }
        if (!model.hashHex().equals(hash)) {
            throw new InvalidArchiveException("Invalid archive " + location + ": " + ArchiveLayout.MODEL + " is model "
                    + model.hashHex() + ", summary.json field codec.model_sha256 names " + hash);
        }
        return model;
    }

    public Path root() {
        return root;
    }

    public CommitMarker marker() {
        return marker;
    }

    /**
     * The archive's digest: the SHA-256 (64 lowercase hex digits) of the {@code _SUCCESS} this reader validated,
     * which lists every other file's SHA-256. {@code compress} prints it and the night's record keeps it.
     */
    public String digest() {
        return digest;
    }

    /**
     * Refuses this archive unless its digest is {@code expected} (as a catalogue holds it: 64 hex digits, with or
     * without {@code sha256:}): a consistently forged archive, {@code _SUCCESS} re-hashed, passes every other check.
     *
     * @throws InvalidArchiveException when the digests differ
     */
    public void checkDigest(String expected) {
        if (!digest.equals(ArchiveDigest.parse(expected))) {
            throw new InvalidArchiveException("Invalid archive " + root + ": its digest (SHA-256 of _SUCCESS) is "
                    + digest + ", not the expected " + ArchiveDigest.parse(expected)
                    + ": the archive differs from the one catalogued");
        }
    }

    public Summary summary() {
        return summary;
    }

    /** The validated manifest rows. */
    public List<TileRow> rows() {
        return rows;
    }

    public Configuration conf() {
        return conf;
    }

    /** The codec for this archive's tiles, with its checked learned model when it has one. */
    public TileCompressor compressor() {
        return compressor;
    }

    /**
     * Reads and checks one tile of this archive (see {@link CheckedTile}): its samples are those the source had.
     *
     * @throws TileCheckException when the tile fails a check
     * @throws IOException        when its pack cannot be read
     */
    public Tile decodeTile(TileRow row) throws IOException {
        return CheckedTile.decode(
                row, CheckedTile.read(fs, root, row), compressor, summary.shape(), summary.dtype(), root.toString());
    }

    /**
     * Cross-checks the archive's mode with its streams without decoding them all (what {@code info} does), on the
     * manifest's first tiles up to the first modelled one (a stored stream is lossless in either mode), at most
     * {@value #MODE_PROBES}. For a lossless archive each stream's header settles it (its bounded flag, with every
     * check of {@link CheckedTile#checkStream}), so no tile is decoded; a tile whose header disagrees, and every
     * tile of an error-bounded archive (whose bound's value only a decode gives), is decoded through every check of
     * {@link #decodeTile}.
     *
     * @throws TileCheckException when such a tile fails a check, its stream's bound not being the summary's included
     */
    public void checkModeOnFirstTiles() throws IOException {
        for (TileRow row : rows.subList(0, Math.min(rows.size(), MODE_PROBES))) {
            byte[] stream = CheckedTile.read(fs, root, row);
            if (!compressor.errorBound().isLossless() || !headerAgrees(row, stream)) {
                // The decode's message names the stream's bound, which the header alone does not hold.
                CheckedTile.decode(row, stream, compressor, summary.shape(), summary.dtype(), root.toString());
            }
            if (stream[TileFormat.AT_METHOD] == TileFormat.METHOD_MODELLED) {
                return;
            }
        }
    }

    private boolean headerAgrees(TileRow row, byte[] stream) {
        try {
            CheckedTile.checkStream(row, stream, compressor, summary.shape(), root.toString());
            return true;
        } catch (TileCheckException e) {
            return false;
        }
    }

    /**
     * Checks the files opening does not read in full against their listed lengths and SHA-256s (one read each;
     * verify does it): {@code metadata.h5}, and {@code report.html} where listed. Packs are verify's tasks.
     */
    public void checkUnreadFiles() throws IOException {
        files.checkHash(ArchiveLayout.METADATA);
        if (marker.files().containsKey(ArchiveLayout.REPORT)) {
            files.checkHash(ArchiveLayout.REPORT);
        }
    }

    /**
     * Copies {@code metadata-samples.pz} (docs/archive-format.md §5.1) to {@code dir}, checked against its listed
     * length and SHA-256; refused when it is not listed.
     */
    public java.nio.file.Path fetchMetadataSamples(java.nio.file.Path dir) throws IOException {
        java.nio.file.Path local = dir.resolve(ArchiveLayout.METADATA_SAMPLES);
        files.copyTo(ArchiveLayout.METADATA_SAMPLES, local);
        return local;
    }

    /** Copies {@code metadata.h5} to {@code dir}, checked against its listed length and SHA-256. */
    public java.nio.file.Path fetchMetadata(java.nio.file.Path dir) throws IOException {
        java.nio.file.Path local = dir.resolve(ArchiveLayout.METADATA);
        files.copyTo(ArchiveLayout.METADATA, local);
        return local;
    }
}
