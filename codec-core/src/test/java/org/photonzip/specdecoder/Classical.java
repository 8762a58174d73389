package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

/**
 * §3.2.1: the classical model's prediction and scale context, and the decoding loop over a tile; with a
 * {@link Network}, the learned model of §3.2.2 and docs/learned-model.md.
 */
final class Classical {
    private final int[] inter = new int[13];
    private final int[] intra = new int[5];
    private final int frames;
    private final int height;
    private final int width;
    private final int maxIndex;
    private final int[] d;
    /** |index − classical prediction| of every decoded sample: what the error energy sums. */
    private final int[] a;

    private final Network net;
    /** The base and feature values (not yet differences) of the last inter prediction. */
    private int base;

    private int[] features;

    Classical(BitFields in, int frames, int height, int width, int maxIndex, Network net) {
        this.net = net;
        readWeights(in, inter);
        readWeights(in, intra);
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.maxIndex = maxIndex;
        this.d = new int[frames * height * width];
        this.a = new int[d.length];
    }

    private static void readWeights(BitFields in, int[] w) {
        require(in.take(8) == w.length, "weight count");
        for (int k = 0; k < w.length; k++) {
            w[k] = (short) in.take(16);
        }
    }

    /** Decodes every index in coding order. */
    int[] decode(Residuals residuals) {
        for (int t = 0; t < frames; t++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int pc = t == 0 ? intraPrediction(y, x) : interPrediction(t, y, x);
                    long energy = energy(t, y, x);
                    int pred = pc;
                    int c = context(energy);
                    if (net != null && t > 0) {
                        long[] o = net.evaluate(inputs(pc, energy));
                        int sh = normalisingShift(energy);
                        pred = clamp(pc + Math.floorDiv(o[0] << sh, 1L << net.locationShift));
                        c = (int) Math.min(Math.max(c + (o[1] >> net.scaleShift), 0), 71);
                    }
                    int v = pred + residuals.next(c);
                    require(v >= 0 && v <= maxIndex, "decoded index " + v + " outside 0.." + maxIndex);
                    d[at(t, y, x)] = v;
                    a[at(t, y, x)] = Math.abs(v - pc);
                }
            }
        }
        return d;
    }

    private int at(int t, int y, int x) {
        return (t * height + y) * width + x;
    }

    private boolean inside(int y, int x) {
        return y >= 0 && y < height && x >= 0 && x < width;
    }

    private int feature(int t, int y, int x, int base) {
        return inside(y, x) ? d[at(t, y, x)] : base;
    }

    private int intraPrediction(int y, int x) {
        int base = x > 0 ? d[at(0, y, x - 1)] : y > 0 ? d[at(0, y - 1, x)] : (maxIndex + 1) >> 1;
        int[] f = {
            feature(0, y - 1, x, base),
            feature(0, y - 1, x - 1, base),
            feature(0, y - 1, x + 1, base),
            feature(0, y, x - 2, base),
            feature(0, y - 2, x, base),
        };
        return predict(base, f, intra);
    }

    private int interPrediction(int t, int y, int x) {
        int base = d[at(t - 1, y, x)];
        int[] f = {
            d[at(t - Math.min(2, t), y, x)],
            d[at(t - Math.min(3, t), y, x)],
            d[at(t - Math.min(4, t), y, x)],
            feature(t, y, x - 1, base),
            feature(t, y - 1, x, base),
            feature(t, y - 1, x - 1, base),
            feature(t, y - 1, x + 1, base),
            feature(t - 1, y, x - 1, base),
            feature(t - 1, y - 1, x, base),
            feature(t - 1, y, x + 1, base),
            feature(t - 1, y + 1, x, base),
            feature(t - 1, y - 1, x - 1, base),
            feature(t - 1, y - 1, x + 1, base),
        };
        this.base = base;
        this.features = f;
        return predict(base, f, inter);
    }

    /** The network's 16 inputs for the sample whose inter prediction was computed last. */
    private long[] inputs(int pc, long energy) {
        int sh = normalisingShift(energy);
        long[] x = new long[16];
        for (int k = 0; k < 13; k++) {
            x[k] = clamp8((features[k] - base) >> sh);
        }
        x[13] = clamp8((pc - base) >> sh);
        x[14] = context(energy);
        x[15] = Math.min(base >> 10, 63);
        return x;
    }

    private static int normalisingShift(long energy) {
        return Math.max(0, 63 - Long.numberOfLeadingZeros(energy + 4) - 5);
    }

    private static long clamp8(long v) {
        return Math.min(Math.max(v, -127), 127);
    }

    private int clamp(long v) {
        return (int) Math.min(Math.max(v, 0), maxIndex);
    }

    private int predict(int base, int[] f, int[] w) {
        long sum = 0;
        for (int k = 0; k < f.length; k++) {
            sum += (long) w[k] * (f[k] - base);
        }
        return clamp(base + ((sum + 2048) >> 12));
    }

    private long energy(int t, int y, int x) {
        long sum = 0;
        long weight = 0;
        int[][] terms = t == 0
                ? new int[][] {{0, 0, -1, 2}, {0, -1, 0, 2}, {0, -1, -1, 1}, {0, -1, 1, 1}}
                : new int[][] {
                    {0, 0, -1, 2},
                    {0, -1, 0, 2},
                    {0, -1, -1, 1},
                    {0, -1, 1, 1},
                    {-1, 0, 0, 2},
                    {-1, 0, -1, 1},
                    {-1, 0, 1, 1},
                    {-1, -1, 0, 1},
                    {-1, 1, 0, 1}
                };
        for (int[] term : terms) {
            int yy = y + term[1];
            int xx = x + term[2];
            if (inside(yy, xx)) {
                sum += term[3] * (long) a[at(t + term[0], yy, xx)];
                weight += term[3];
            }
        }
        return weight == 0 ? 0 : sum * 12 / weight;
    }

    static int context(long energy) {
        long v = energy + 4;
        int n = 63 - Long.numberOfLeadingZeros(v);
        return (int) Math.min(71, 4L * (n - 2) + ((v >> (n - 2)) & 3));
    }
}
