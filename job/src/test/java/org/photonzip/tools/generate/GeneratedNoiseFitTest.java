package org.photonzip.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.bound.NoiseModelFit;

/** The noise-model fits recover the generator's known gain, read noise and dark level. */
class GeneratedNoiseFitTest {
    private static final GeneratorConfig CONFIG = GeneratorConfig.builder()
            .frames(24)
            .height(96)
            .width(96)
            .seed(7)
            .flats(12)
            .darks(12)
            .gain(1.5)
            .readNoiseAdu(2.5)
            .darkAdu(100)
            .build();

    @Test
    void flatsAndDarksGiveTheGeneratorsGainReadNoiseAndDark() {
        StackGenerator g = new StackGenerator(CONFIG);
        int plane = CONFIG.height() * CONFIG.width();
        short[] flats = new short[CONFIG.flats() * plane];
        short[] darks = new short[CONFIG.darks() * plane];
        short[] frame = new short[plane];
        for (int i = 0; i < CONFIG.flats(); i++) {
            g.flat(i, frame);
            System.arraycopy(frame, 0, flats, i * plane, plane);
        }
        for (int i = 0; i < CONFIG.darks(); i++) {
            g.dark(i, frame);
            System.arraycopy(frame, 0, darks, i * plane, plane);
        }
        NoiseModel m = NoiseModelFit.fromFlatsAndDarks(flats, CONFIG.flats(), darks, CONFIG.darks(), plane)
                .orElseThrow();
        assertEquals(1.5, m.gain(), 0.075, m.describe());
        // read noise plus the rounding to integers (variance 1/12)
        assertEquals(Math.sqrt(2.5 * 2.5 + 1 / 12.0), m.readNoise(), 0.4, m.describe());
        assertEquals(100 + CONFIG.columnOffsetAdu(), m.dark(), CONFIG.columnOffsetAdu() + 2, m.describe());
    }

    @Test
    void projectionsAloneGiveTheNoiseCurveOrAnOverEstimate() {
        StackGenerator g = new StackGenerator(CONFIG);
        int plane = CONFIG.height() * CONFIG.width();
        short[] stack = new short[CONFIG.frames() * plane];
        short[] frame = new short[plane];
        for (int t = 0; t < CONFIG.frames(); t++) {
            g.frame(t, frame);
            System.arraycopy(frame, 0, stack, t * plane, plane);
        }
        NoiseModel m = NoiseModelFit.fromStack(stack, CONFIG.frames(), CONFIG.height(), CONFIG.width())
                .orElseThrow();
        for (double intensity : new double[] {10_000, 30_000}) {
            double truth = Math.sqrt(1.5 * (intensity - 100) + 2.5 * 2.5);
            double fitted = m.sigma(intensity);
            // the sample rotates, so second differences also see motion: never much below the truth
            assertTrue(
                    fitted > 0.9 * truth && fitted < 1.5 * truth,
                    m.describe() + " at " + intensity + ": " + fitted + " vs " + truth);
        }
    }
}
