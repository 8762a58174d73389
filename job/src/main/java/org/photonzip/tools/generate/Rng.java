package org.photonzip.tools.generate;

/**
 * A small counter-seeded random generator (SplitMix64) with a ziggurat normal sampler.
 *
 * <p>Written out here rather than taken from {@code java.util} so that generated stacks are identical bytes on
 * every JDK and CPU: the JDK's {@code nextGaussian} algorithm changed between releases and its rare paths use
 * {@code Math.exp}, which may differ by an ulp between intrinsics. Everything below uses integer arithmetic,
 * IEEE basic operations and {@link StrictMath} only. Not thread-safe; create one per stream.
 */
final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    // Ziggurat tables (Marsaglia & Tsang 2000, 128 layers), computed once with StrictMath.
    private static final double R = 3.442619855899;
    private static final long[] KN = new long[128];
    private static final double[] WN = new double[128];
    private static final double[] FN = new double[128];

    static {
        final double m1 = 2147483648.0;
        final double vn = 9.91256303526217e-3;
        double dn = R;
        double tn = dn;
        double q = vn / StrictMath.exp(-0.5 * dn * dn);
        KN[0] = (long) ((dn / q) * m1);
        KN[1] = 0;
        WN[0] = q / m1;
        WN[127] = dn / m1;
        FN[0] = 1.0;
        FN[127] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; i--) {
            dn = StrictMath.sqrt(-2.0 * StrictMath.log(vn / dn + StrictMath.exp(-0.5 * dn * dn)));
            KN[i + 1] = (long) ((dn / tn) * m1);
            tn = dn;
            FN[i] = StrictMath.exp(-0.5 * dn * dn);
            WN[i] = dn / m1;
        }
    }

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** A generator for stream {@code index} of domain {@code domain} under {@code seed}; streams are unrelated. */
    static Rng stream(long seed, long domain, long index) {
        return new Rng(streamSeed(seed, domain, index));
    }

    static long streamSeed(long seed, long domain, long index) {
        return mix(mix(mix(seed) + GOLDEN * (domain + 1)) + GOLDEN * (index + 1));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplitMix64. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1], safe for logarithms. */
    double nextDoubleNonZero() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound); bound &gt; 0. Lemire's multiply-shift, bias below 2^-32 for the bounds used here. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * Standard normal deviate. The layer index and the value come from disjoint bits of one 64-bit draw, which
     * avoids the correlation of the original ziggurat that reused the same bits for both.
     */
    double nextGaussian() {
        long bits = nextLong();
        int iz = (int) (bits & 127);
        long hz = bits >> 32; // signed 32-bit value
        if (Math.abs(hz) < KN[iz]) {
            return hz * WN[iz];
        }
        return gaussianSlowPath(hz, iz);
    }

    private double gaussianSlowPath(long hz, int iz) {
        while (true) {
            double x = hz * WN[iz];
            if (iz == 0) {
                double y;
                do {
                    x = -StrictMath.log(nextDoubleNonZero()) / R;
                    y = -StrictMath.log(nextDoubleNonZero());
                } while (y + y < x * x);
                return hz > 0 ? R + x : -R - x;
            }
            if (FN[iz] + nextDouble() * (FN[iz - 1] - FN[iz]) < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
            long bits = nextLong();
            iz = (int) (bits & 127);
            hz = bits >> 32;
            if (Math.abs(hz) < KN[iz]) {
                return hz * WN[iz];
            }
        }
    }

    /**
     * Poisson deviate by sequential inversion; meant for small means (the generator switches to a normal
     * approximation above a few tens of electrons), cost grows linearly with the mean.
     */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = StrictMath.exp(-mean);
        double cdf = p;
        double u = nextDouble();
        int k = 0;
        // The upper cap only guards against an endless loop if rounding keeps cdf just below u.
        int cap = (int) (mean + 40 * Math.sqrt(mean) + 40);
        while (u > cdf && k < cap) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }
}
