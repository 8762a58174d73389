package org.photonzip.tools.generate;

import java.util.Arrays;

/**
 * Relative beam intensity per frame: a slow drift of a few percent plus the sawtooth of a storage ring in
 * top-up mode (the current decays steadily and jumps back up by ~1–2 % at each injection).
 */
final class BeamHistory {
    private final double[] projection;
    private final double[] flat;
    private final int[] topUpFrames;

    private BeamHistory(double[] projection, double[] flat, int[] topUpFrames) {
        this.projection = projection;
        this.flat = flat;
        this.topUpFrames = topUpFrames;
    }

    static BeamHistory random(Rng rng, GeneratorConfig cfg) {
        int frames = cfg.frames();
        double cycles = rng.uniform(0.4, 1.2);
        double phase = rng.uniform(0, 2 * Math.PI);
        double phase2 = rng.uniform(0, 2 * Math.PI);
        int n = frames > 1 ? cfg.effectiveTopUps() : 0;
        int[] at = new int[n];
        double[] step = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            at[k] = 1 + rng.nextInt(frames - 1);
            step[k] = cfg.topUpStep() * rng.uniform(0.67, 1.33);
            total += step[k];
        }
        double[] jump = new double[frames];
        for (int k = 0; k < n; k++) {
            jump[at[k]] += step[k];
        }
        double[] level = new double[frames];
        double a = cfg.driftAmplitude();
        double injected = 0;
        for (int t = 0; t < frames; t++) {
            double u = (double) t / frames;
            double drift = a
                    * (0.8 * StrictMath.sin(2 * Math.PI * cycles * u + phase)
                            + 0.2 * StrictMath.sin(2 * Math.PI * 3.3 * cycles * u + phase2));
            injected += jump[t];
            // The decay between injections removes, on average, what the injections add.
            level[t] = (1 + drift) * (1 + injected - total * u);
        }
        double[] flats = new double[cfg.flats()];
        for (int i = 0; i < flats.length; i++) {
            flats[i] = level[0] * (1 + 0.002 * rng.nextGaussian());
        }
        int[] sortedAt = Arrays.stream(at).sorted().toArray();
        return new BeamHistory(level, flats, sortedAt);
    }

    double projection(int t) {
        return projection[t];
    }

    double flat(int i) {
        return flat[i];
    }

    /** Frames at which an injection happened (sorted; duplicates possible). */
    int[] topUpFrames() {
        return topUpFrames.clone();
    }
}
