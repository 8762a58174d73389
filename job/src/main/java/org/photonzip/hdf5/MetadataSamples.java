package org.photonzip.hdf5;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.SampleHash;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.TileIdentity;

/**
 * Codes the samples of 3-D 8/16-bit integer datasets other than the stack (flats, darks, ...) with the tile codec
 * into the archive's {@value #FILE}, one tile stream per part of at most {@value #MAX_PART_SAMPLES} samples (whole
 * frames, or rows of one frame when a frame is larger), instead of storing them raw in {@code metadata.h5}, where
 * their unwritten {@link DatasetTwin} stands. docs/archive-format.md §5.1. {@link Entry} and {@link Part} are what
 * the capture coded; the archive's record of them in summary.json is {@code archive.CodedDataset} (this package
 * sits below {@code archive}), and {@value #FILE} is {@code archive.ArchiveLayout.METADATA_SAMPLES}.
 */
public final class MetadataSamples implements NativeCapture.SampleSink {
    public static final String FILE = "metadata-samples.pz";
    /** Datasets smaller than this are copied into metadata.h5 as they are (a tile stream would not pay). */
    static final long MIN_SAMPLES = 4096;

    static final int MAX_PART_SAMPLES = 1 << 24;

    /** One tile stream: frames [t0, t0 + frames) × rows [y0, y0 + rows) × all columns. */
    public record Part(int t0, int frames, int y0, int rows, long offset, long length, String sha256) {}

    /** A coded dataset: where it is in metadata.h5, its type and shape, the SHA-256 of all its samples, its parts. */
    public record Entry(String path, String dtype, int[] shape, String sha256, List<Part> parts) {}

    private final OutputStream out;
    private final List<Entry> entries = new ArrayList<>();
    private long offset;

    /** Appends tile streams to {@code out} (the local copy of {@value #FILE}). */
    public MetadataSamples(OutputStream out) {
        this.out = out;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Bytes written so far. */
    public long bytes() {
        return offset;
    }

    @Override
    public boolean accepts(long dataset, String path) {
        long[] dims = SlabIo.dims(dataset);
        return dims.length == 3
                && SlabIo.kind(dataset) != null
                && dims[0] * dims[1] * dims[2] >= MIN_SAMPLES
                && dims[0] <= Integer.MAX_VALUE
                && dims[1] * dims[2] <= Integer.MAX_VALUE;
    }

    @Override
    public void code(long dataset, String path) {
        SlabIo.Kind kind = SlabIo.kind(dataset);
        long[] dims = SlabIo.dims(dataset);
        SampleHash whole = new SampleHash();
        List<Part> parts = new ArrayList<>();
        for (int[] p : parts(dims)) {
            short[] s = SlabIo.read(dataset, kind, dims, p[0], p[1], p[2], p[3]);
            whole.add(s, s.length);
            byte[] stream = TileCodec.encode(
                    Tile.wrap(p[1], p[3], (int) dims[2], s),
                    EncoderOptions.CLASSICAL,
                    identity(path, dims, p[0], p[1], p[2], p[3]));
            try {
                out.write(stream);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + FILE + ": " + e.getMessage(), e);
            }
            parts.add(new Part(p[0], p[1], p[2], p[3], offset, stream.length, SampleHash.of(s)));
            offset += stream.length;
        }
        entries.add(new Entry(
                path,
                kind.dtype(),
                new int[] {(int) dims[0], (int) dims[1], (int) dims[2]},
                whole.hex(),
                List.copyOf(parts)));
    }

    /** The parts {t0, frames, y0, rows} of a dataset of shape {@code dims}, in sample order. */
    public static List<int[]> parts(long[] dims) {
        int frames = (int) dims[0], height = (int) dims[1], width = (int) dims[2];
        List<int[]> parts = new ArrayList<>();
        long frameSamples = (long) height * width;
        if (frameSamples <= MAX_PART_SAMPLES) {
            int step = (int) Math.max(1, MAX_PART_SAMPLES / Math.max(1, frameSamples));
            for (int t = 0; t < frames; t += step) {
                parts.add(new int[] {t, Math.min(step, frames - t), 0, height});
            }
        } else {
            int rows = Math.max(1, MAX_PART_SAMPLES / Math.max(1, width));
            for (int t = 0; t < frames; t++) {
                for (int y = 0; y < height; y += rows) {
                    parts.add(new int[] {t, 1, y, Math.min(rows, height - y)});
                }
            }
        }
        return parts;
    }

    /**
     * A part's place, which its stream records (tile format v2) so that a stream moved to another part or dataset is
     * refused before it is decoded: the dataset's path, the part's origin and shape, the dataset's shape.
     */
    public static TileIdentity identity(String path, long[] dims, int t0, int frames, int y0, int rows) {
        return new TileIdentity(
                path, t0, y0, 0, frames, rows, (int) dims[2], (int) dims[0], (int) dims[1], (int) dims[2]);
    }

    /** SHA-256 of samples as uint16 little-endian bytes. */
    public static String sha256(short[] samples) {
        return SampleHash.of(samples);
    }

    /** The running SHA-256 of a coded dataset's parts, in order. */
    public static final class WholeHash {
        private final SampleHash hash = new SampleHash();

        public void add(short[] samples) {
            hash.add(samples, samples.length);
        }

        public String hex() {
            return hash.hex();
        }
    }
}
