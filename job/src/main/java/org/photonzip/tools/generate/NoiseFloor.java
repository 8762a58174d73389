package org.photonzip.tools.generate;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The noise-entropy floor: the entropy, in bits, of a pixel's observed uint16 value given its expected
 * intensity, for a detector that counts {@code Poisson(λ)} photo-electrons, multiplies them by a gain, adds
 * Gaussian read noise and a dark/column offset, rounds and clips to 0..65535. No lossless coder can spend
 * fewer bits per pixel on average, whatever it knows, so it is the yardstick for the codec.
 *
 * <p>Large means use the Gaussian limit, {@code ½·log2(2πe·var)} with {@code var = gain²λ + σ² + 1/12} (the
 * last term for the rounding), in closed form also when the value clips at 0 or 65535 (saturation). Means of at most
 * {@value FrameRenderer#NORMAL_APPROX_ELECTRONS} electrons — where the generator draws exact Poisson counts —
 * sum the discrete distribution numerically, cached by quantised λ. An instance is not thread-safe (the cache).
 */
public final class NoiseFloor {
    private static final double LAMBDA_EXACT_MAX = FrameRenderer.NORMAL_APPROX_ELECTRONS;
    private static final int LAMBDA_STEPS = 64; // cache resolution: 1/64 electron
    private static final int FRACTION_STEPS = 16; // ... and 1/16 ADU of the offset's fractional part
    private static final double MAX = 65535;
    private static final double HALF_LOG2_2PI = 0.5 * Math.log(2 * Math.PI) / Math.log(2);
    private static final double INV_2LN2 = 1 / (2 * Math.log(2));
    private static final double LN2 = Math.log(2);
    /**
     * Rounding to integers adds the variance of a uniform step: with it the Gaussian limit matches the exact
     * discrete entropy to 1e-6 bits from sd 1 up (without it, 0.06/sd² bits too low).
     */
    private static final double ROUNDING_VARIANCE = 1.0 / 12;

    private final double gain;
    private final double readNoise;
    private final double[] cache;

    public NoiseFloor(double gain, double readNoise) {
        if (!(gain > 0) || !(readNoise >= 0)) {
            throw new IllegalArgumentException("Invalid noise model: gain " + gain + ", read noise " + readNoise);
        }
        this.gain = gain;
        this.readNoise = readNoise;
        this.cache = new double[((int) LAMBDA_EXACT_MAX * LAMBDA_STEPS + 1) * FRACTION_STEPS];
        Arrays.fill(cache, Double.NaN);
    }

    /**
     * Entropy in bits of the observed value of a pixel whose expected value is {@code expected} ADU, of which
     * {@code base} ADU are dark level plus column offset (the rest is gain × expected electrons).
     */
    public double bits(double expected, double base) {
        double lambda = Math.max(0, (expected - base) / gain);
        if (lambda > LAMBDA_EXACT_MAX) {
            return gaussianBits(expected, Math.sqrt(gain * gain * lambda + readNoise * readNoise + ROUNDING_VARIANCE));
        }
        double lo = base - 10 * readNoise - 1;
        double hi = base + gain * (lambda + 12 * Math.sqrt(lambda) + 15) + 10 * readNoise + 1;
        if (lo < 0 || hi > MAX) {
            return exactBits(lambda, base, gain, readNoise); // clipping matters: rare, not cached
        }
        // Away from the clip limits only λ and the offset's fractional part matter.
        int li = (int) Math.round(lambda * LAMBDA_STEPS);
        double frac = base - Math.floor(base);
        int fi = (int) Math.round(frac * FRACTION_STEPS) % FRACTION_STEPS;
        int key = li * FRACTION_STEPS + fi;
        double h = cache[key];
        if (Double.isNaN(h)) {
            h = exactBits((double) li / LAMBDA_STEPS, 1000.0 + (double) fi / FRACTION_STEPS, gain, readNoise);
            cache[key] = h;
        }
        return h;
    }

    /**
     * Mean bits per pixel over frames of expected values ({@code expected.length} a multiple of
     * {@code columnBase.length}, rows of that width).
     */
    public double meanBits(float[] expected, double[] columnBase) {
        return sumBits(expected, columnBase) / expected.length;
    }

    private double sumBits(float[] expected, double[] columnBase) {
        int w = columnBase.length;
        if (expected.length % w != 0) {
            throw new IllegalArgumentException(
                    "Invalid frame: length " + expected.length + " is not a multiple of width " + w);
        }
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            sum += bits(expected[i], columnBase[i % w]);
        }
        return sum;
    }

    /** The floor of a generated stack, from its expected intensities (no file involved). */
    public static double bitsPerPixel(StackGenerator generator) {
        GeneratorConfig cfg = generator.config();
        NoiseFloor floor = new NoiseFloor(cfg.gain(), cfg.readNoiseAdu());
        double[] base = generator.columnBase();
        float[] frame = new float[cfg.height() * cfg.width()];
        double sum = 0;
        for (int t = 0; t < cfg.frames(); t++) {
            generator.expectedIntensity(t, frame);
            sum += floor.sumBits(frame, base);
        }
        return sum / ((double) cfg.frames() * cfg.height() * cfg.width());
    }

    /**
     * The floor of a stack file written with {@code --intensity}: reads {@code /entry/data/intensity} frame by
     * frame, its {@code gain}, {@code read_noise} and {@code dark} attributes and, if present,
     * {@code /entry/data/column_offset}.
     */
    public static double bitsPerPixel(Path h5) throws IOException {
        try (HdfFile file = new HdfFile(h5)) {
            Dataset intensity = dataset(file, Hdf5StackWriter.INTENSITY, h5);
            int[] dims = intensity.getDimensions();
            if (dims.length != 3) {
                throw new IOException("Invalid " + Hdf5StackWriter.INTENSITY + " in " + h5 + ": rank " + dims.length);
            }
            double gain = attribute(intensity, "gain", h5);
            double readNoise = attribute(intensity, "read_noise", h5);
            double dark = attribute(intensity, "dark", h5);
            double[] base = new double[dims[2]];
            Node offsets = file.getByPath(Hdf5StackWriter.GROUP);
            if (offsets instanceof io.jhdf.api.Group g && g.getChild("column_offset") instanceof Dataset d) {
                double[] o = (double[]) d.getData();
                if (o.length != base.length) {
                    throw new IOException(
                            "Invalid column_offset in " + h5 + ": " + o.length + " values for width " + base.length);
                }
                System.arraycopy(o, 0, base, 0, base.length);
            }
            for (int x = 0; x < base.length; x++) {
                base[x] += dark;
            }
            NoiseFloor floor = new NoiseFloor(gain, readNoise);
            float[] flat = new float[dims[1] * dims[2]];
            double sum = 0;
            for (int t = 0; t < dims[0]; t++) {
                float[][][] frame =
                        (float[][][]) intensity.getData(new long[] {t, 0, 0}, new int[] {1, dims[1], dims[2]});
                for (int y = 0; y < dims[1]; y++) {
                    System.arraycopy(frame[0][y], 0, flat, y * dims[2], dims[2]);
                }
                sum += floor.sumBits(flat, base);
            }
            return sum / ((double) dims[0] * dims[1] * dims[2]);
        } catch (io.jhdf.exceptions.HdfException | ClassCastException e) {
            throw new IOException("Cannot read the noise floor from " + h5 + ": " + e.getMessage(), e);
        }
    }

    private static Dataset dataset(HdfFile file, String path, Path h5) throws IOException {
        try {
            return file.getDatasetByPath(path);
        } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
            throw new IOException("Cannot find " + path + " in " + h5 + " (written without --intensity?)", e);
        }
    }

    private static double attribute(Dataset d, String name, Path h5) throws IOException {
        Attribute a = d.getAttribute(name);
        if (a == null) {
            throw new IOException("Cannot find attribute " + name + " of " + d.getPath() + " in " + h5);
        }
        Object v = a.getData();
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof double[] arr && arr.length == 1) {
            return arr[0];
        }
        throw new IOException("Invalid attribute " + name + " of " + d.getPath() + " in " + h5 + ": " + v);
    }

    /**
     * Entropy of round(N(μ, sd²)) clipped to [0, 65535], from the Gaussian limit: interior values have mass
     * φ(z)/sd, so their share of the entropy integrates in closed form; each clip limit is one value holding
     * the tail mass.
     */
    static double gaussianBits(double mu, double sd) {
        double zl = (0.5 - mu) / sd;
        double zu = (MAX - 0.5 - mu) / sd;
        double log2sd = Math.log(sd) / LN2;
        if (zl < -9 && zu > 9) {
            return log2sd + HALF_LOG2_2PI + INV_2LN2; // ½·log2(2πe·sd²)
        }
        double pl = Gaussian.cdf(zl);
        double pu = Gaussian.cdf(-zu);
        double inner = (Gaussian.cdf(zu) - pl) * log2sd + partialEntropy(zu) - partialEntropy(zl);
        return Math.max(0, plogp(pl) + plogp(pu) + inner);
    }

    /** ∫_{-∞}^{z} −φ log2 φ = ½·log2(2π)·Φ(z) + (Φ(z) − zφ(z)) / (2 ln 2). */
    private static double partialEntropy(double z) {
        double cdf = Gaussian.cdf(z);
        return HALF_LOG2_2PI * cdf + (cdf - z * Gaussian.pdf(z)) * INV_2LN2;
    }

    private static double plogp(double p) {
        return p > 0 ? -p * Math.log(p) / LN2 : 0;
    }

    /**
     * Entropy of clip(round(base + gain·N + σZ)), N ~ Poisson(λ), Z ~ N(0, 1), summed numerically over the
     * Poisson terms (to 12 standard deviations) and the values each can reach (to 10 σ).
     */
    static double exactBits(double lambda, double base, double gain, double readNoise) {
        int nMax = (int) Math.ceil(lambda + 12 * Math.sqrt(lambda) + 15);
        double[] weight = poissonWeights(lambda, nMax);
        int kLo = (int) Math.max(0, Math.floor(base - 10 * readNoise - 1));
        int kHi = (int) Math.min(MAX, Math.ceil(base + gain * nMax + 10 * readNoise + 1));
        double[] mass = new double[kHi - kLo + 1];
        for (int n = 0; n <= nMax; n++) {
            if (weight[n] == 0) {
                continue;
            }
            double mu = base + gain * n;
            if (readNoise < 1e-6) {
                int k = (int) Math.max(kLo, Math.min(kHi, Math.floor(mu + 0.5)));
                mass[k - kLo] += weight[n];
                continue;
            }
            int from = (int) Math.max(kLo, Math.floor(mu - 10 * readNoise));
            int to = (int) Math.min(kHi, Math.ceil(mu + 10 * readNoise));
            for (int k = from; k <= to; k++) {
                // The clip limits collect the whole tail beyond them.
                double a = k == 0 ? Double.NEGATIVE_INFINITY : (k - 0.5 - mu) / readNoise;
                double b = k == (int) MAX ? Double.POSITIVE_INFINITY : (k + 0.5 - mu) / readNoise;
                mass[k - kLo] += weight[n] * Gaussian.mass(a, b);
            }
        }
        double total = 0;
        for (double m : mass) {
            total += m;
        }
        double h = 0;
        for (double m : mass) {
            h += plogp(m / total);
        }
        return h;
    }

    private static double[] poissonWeights(double lambda, int nMax) {
        double[] w = new double[nMax + 1];
        if (lambda == 0) {
            w[0] = 1;
            return w;
        }
        // Start at the mode in log space and recur outwards, so that large λ does not underflow exp(-λ).
        int mode = (int) Math.floor(lambda);
        double logMode = mode * Math.log(lambda) - lambda - logFactorial(mode);
        w[mode] = Math.exp(logMode);
        for (int n = mode + 1; n <= nMax; n++) {
            w[n] = w[n - 1] * lambda / n;
        }
        for (int n = mode - 1; n >= 0; n--) {
            w[n] = w[n + 1] * (n + 1) / lambda;
        }
        return w;
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }
}
