package org.photonzip.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.photonzip.codec.Tile;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileRegion;
import org.photonzip.plan.TileShape;
import org.photonzip.source.StackSource;

/**
 * Cuts a stack into tiles, reads each tile once, and runs every codec on it: compress, decompress, check the
 * round trip bit for bit, add up sizes and times. Everything runs on the calling thread.
 */
public final class Benchmark {
    /**
     * Up to this many samples (128 MiB) are read as one band of rows across the whole width, so that a file
     * chunked by whole frames has each chunk decoded once rather than once per tile column.
     */
    private static final long MAX_BAND_SAMPLES = 64L << 20;

    private final TileShape tile;
    private final List<Contender> contenders;
    private final long maxBandSamples;

    private Benchmark(TileShape tile, List<Contender> contenders) {
        this(tile, contenders, MAX_BAND_SAMPLES);
    }

    private Benchmark(TileShape tile, List<Contender> contenders, long maxBandSamples) {
        if (contenders.isEmpty()) {
            throw new IllegalArgumentException("Invalid benchmark: no codecs");
        }
        if (tile != null && (long) tile.frames() * tile.height() * tile.width() > Tile.MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "Invalid tile shape " + tile + ": more than " + Tile.MAX_SAMPLES + " samples");
        }
        Map<String, Contender> unique = new LinkedHashMap<>();
        contenders.forEach(c -> unique.putIfAbsent(c.name(), c));
        this.tile = tile;
        this.contenders = List.copyOf(unique.values());
        this.maxBandSamples = maxBandSamples;
    }

    /** The same benchmark reading bands of at most {@code samples} samples (else tile by tile); for tests. */
    Benchmark withMaxBandSamples(long samples) {
        return new Benchmark(tile, contenders, samples);
    }

    /** A benchmark of the named codecs (see {@link Codecs}); a null tile means the planner's default per stack. */
    public static Benchmark of(TileShape tile, List<String> codecNames) {
        return of(tile, codecNames, null);
    }

    /** The same, with the model file the learned codecs use (null when none of them is named). */
    public static Benchmark of(TileShape tile, List<String> codecNames, ModelFile model) {
        return new Benchmark(tile, Codecs.contenders(codecNames, model));
    }

    /** A benchmark of the given byte codecs only. */
    public static Benchmark ofBlockCodecs(TileShape tile, List<BlockCodec> codecs) {
        List<Contender> contenders = new ArrayList<>();
        codecs.forEach(c -> contenders.add(new BlockContender(c)));
        return new Benchmark(tile, contenders);
    }

    /**
     * The same benchmark plus photonzip within each absolute bound (counts) and each noise bound (K·σ of the
     * stack's noise model, given to {@link #run(StackSource, int, NoiseModel)}), measured in the same run.
     */
    public Benchmark withBounds(List<Integer> absolute, List<Double> noiseScaled) {
        List<Contender> all = new ArrayList<>(contenders);
        absolute.forEach(n -> all.add(BoundedContender.absolute(n)));
        noiseScaled.forEach(k -> all.add(BoundedContender.noiseScaled(k)));
        return new Benchmark(tile, all, maxBandSamples);
    }

    /** Names of the codecs in the order they run. */
    public List<String> codecNames() {
        return contenders.stream().map(Contender::name).toList();
    }

    /**
     * Runs every codec over the first {@code maxFrames} frames of {@code source} (all when {@code maxFrames <= 0}).
     *
     * @throws RoundTripException a codec restored a tile differently
     */
    public StackReport run(StackSource source, int maxFrames) throws IOException {
        return run(source, maxFrames, null);
    }

    /**
     * The same, with the stack's noise model (null when unknown) for the noise-bounded rows and for the
     * RMSE/σ of every lossy row.
     */
    public StackReport run(StackSource source, int maxFrames, NoiseModel noise) throws IOException {
        return run(source, maxFrames, noise, line -> {}, Long.MAX_VALUE);
    }

    /**
     * The same, telling {@code progress} what it does (a stack takes minutes): the stack and its codecs at the
     * start, the tiles done at most every {@code everyNanos} and at the end, then each codec's figures.
     */
    public StackReport run(
            StackSource source,
            int maxFrames,
            NoiseModel noise,
            java.util.function.Consumer<String> progress,
            long everyNanos)
            throws IOException {
        int frames = maxFrames > 0 ? Math.min(maxFrames, source.frames()) : source.frames();
        int height = source.height();
        int width = source.width();
        contenders.forEach(c -> c.startStack(noise));
        Tally[] tallies = new Tally[contenders.size()];
        for (int c = 0; c < tallies.length; c++) {
            tallies[c] = new Tally(contenders.get(c).name(), contenders.get(c).newDistortion());
        }
        warmUp();
        TileShape shape = tile != null ? tile : TilePlanner.defaultShape(frames, height, width);
        List<TileRegion> regions = TilePlanner.plan(frames, height, width, shape);
        String stack = source.description();
        progress.accept(String.format(
                java.util.Locale.ROOT,
                "%s: %d x %d x %d, %d tiles of up to %s, codecs %s",
                stack,
                frames,
                height,
                width,
                regions.size(),
                shape,
                String.join(", ", contenders.stream().map(Contender::name).toList())));
        long start = System.nanoTime();
        long said = start;
        int done = 0;
        short[] band = null;
        TileRegion bandOf = null;
        for (TileRegion r : regions) {
            // Regions come row-band by row-band; read each band across the whole width once when it fits.
            boolean fits = r.samples() / r.width() * width <= maxBandSamples;
            if (fits && (bandOf == null || bandOf.t0() != r.t0() || bandOf.y0() != r.y0())) {
                band = new short[r.frames() * r.height() * width];
                source.read(r.t0(), r.frames(), r.y0(), r.height(), 0, width, band);
                bandOf = r;
            }
            short[] samples = new short[(int) r.samples()];
            if (fits) {
                cut(band, width, r.frames() * r.height(), r.x0(), r.width(), samples);
            } else {
                source.read(r.t0(), r.frames(), r.y0(), r.height(), r.x0(), r.width(), samples);
            }
            BenchTile benchTile = new BenchTile(r.t0(), r.y0(), r.x0(), r.frames(), r.height(), r.width(), samples);
            for (int c = 0; c < tallies.length; c++) {
                tallies[c].measure(contenders.get(c), benchTile);
            }
            done++;
            long now = System.nanoTime();
            if (now - said >= everyNanos || done == regions.size()) {
                said = now;
                double elapsed = (now - start) / 1e9;
                progress.accept(String.format(
                        java.util.Locale.ROOT,
                        "%s: %d/%d tiles (%.0f%%), %.0f s elapsed, " + "ETA %.0f s",
                        stack,
                        done,
                        regions.size(),
                        100.0 * done / regions.size(),
                        elapsed,
                        elapsed * (regions.size() - done) / done));
            }
        }
        int tiles = regions.size();
        List<CodecResult> results = new ArrayList<>();
        for (Tally tally : tallies) {
            CodecResult r = tally.result();
            results.add(r);
            progress.accept(stack + ": " + r.codec()
                    + (r.unavailable() != null
                            ? " unavailable: " + r.unavailable()
                            : String.format(
                                    java.util.Locale.ROOT,
                                    " done: %.3f bits/px, encode %.1f s, decode %.1f s",
                                    r.samples() == 0 ? 0.0 : 8.0 * r.compressedBytes() / r.samples(),
                                    r.encodeNanos() / 1e9,
                                    r.decodeNanos() / 1e9)));
        }
        return new StackReport(source.description(), frames, height, width, shape, tiles, List.copyOf(results));
    }

    /**
     * Runs every codec a few times on a small synthetic tile before timing, so that a stack of one or two
     * tiles is not timed while the JIT is still compiling the codec's loops.
     */
    private void warmUp() {
        int f = 8, h = 48, w = 48;
        short[] samples = new short[f * h * w];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < samples.length; i++) {
            int x = i % w;
            samples[i] = (short) (20000 + 40 * x + (int) (random.nextGaussian() * 150));
        }
        BenchTile warm = new BenchTile(0, 0, 0, f, h, w, samples);
        for (Contender c : contenders) {
            for (int round = 0; round < 5; round++) {
                try {
                    c.measure(warm);
                } catch (RuntimeException e) {
                    break; // the timed run reports it
                }
            }
        }
    }

    /** Copies columns {@code [x0, x0+w)} of each of {@code rows} rows of width {@code width}. */
    private static void cut(short[] band, int width, int rows, int x0, int w, short[] dst) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(band, r * width + x0, dst, r * w, w);
        }
    }

    /** Running totals for one codec; a codec that reports itself unavailable is not asked again. */
    private static final class Tally {
        private final String codec;
        private long samples;
        private long compressed;
        private long encodeNanos;
        private long decodeNanos;
        private String unavailable;
        private final Distortion distortion;

        Tally(String codec, Distortion distortion) {
            this.codec = codec;
            this.distortion = distortion;
        }

        void measure(Contender contender, BenchTile tile) {
            if (unavailable != null) {
                return;
            }
            try {
                Contender.Measurement m = contender.measure(tile);
                samples += tile.samples.length;
                compressed += m.compressedBytes();
                encodeNanos += m.encodeNanos();
                decodeNanos += m.decodeNanos();
                if (distortion != null && m.restored() != null) {
                    distortion.add(tile.samples, m.restored());
                }
            } catch (UnsupportedOperationException e) {
                unavailable = String.valueOf(e.getMessage());
            }
        }

        CodecResult result() {
            return unavailable != null
                    ? new CodecResult(codec, 0, 0, 0, 0, unavailable)
                    : new CodecResult(codec, samples, compressed, encodeNanos, decodeNanos, null, distortion);
        }
    }
}
