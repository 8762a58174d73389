package org.photonzip.codec.bound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.MalformedStreamException;
import org.photonzip.codec.entropy.BitReader;
import org.photonzip.codec.entropy.BitWriter;

class QuantiserTest {
    @Test
    void reconstructionIsWithinTheBoundForEveryResidualIncludingAtTheClamps() {
        int maxIndex = 65535;
        int[] predictions = {0, 1, 2, 100, 32768, 65434, 65533, 65534, 65535};
        int[] deltas = {0, 1, 2, 3, 5, 50, 1000, 32767, 65535};
        for (int delta : deltas) {
            for (int pred : predictions) {
                for (int x = 0; x <= maxIndex; x++) {
                    int q = Quantiser.quantise(x - pred, delta);
                    int r = Quantiser.reconstruct(pred, q, delta, maxIndex);
                    if (Math.abs(r - x) > delta || r < 0 || r > maxIndex) {
                        throw new AssertionError("x " + x + " pred " + pred + " delta " + delta + " -> " + r);
                    }
                }
            }
        }
    }

    @Test
    void boundZeroSendsTheResidualItself() {
        for (int e = -65535; e <= 65535; e++) {
            assertEquals(e, Quantiser.quantise(e, 0));
        }
    }

    @Test
    void symbolsAreAsSmallAsTheBoundAllows() {
        // q = round(e / (2δ+1)) with halves towards zero: no smaller symbol would reach within δ.
        assertEquals(0, Quantiser.quantise(2, 2));
        assertEquals(1, Quantiser.quantise(3, 2));
        assertEquals(-1, Quantiser.quantise(-3, 2));
        assertEquals(0, Quantiser.quantise(-2, 2));
        assertEquals(2, Quantiser.quantise(8, 2));
    }

    @Test
    void clampedReconstructionStaysInsideASmallIndexRange() {
        for (int maxIndex : new int[] {0, 1, 7, 300}) {
            for (int delta : new int[] {0, 1, 4, 1000}) {
                for (int pred = 0; pred <= maxIndex; pred++) {
                    for (int x = 0; x <= maxIndex; x++) {
                        int r = Quantiser.reconstruct(pred, Quantiser.quantise(x - pred, delta), delta, maxIndex);
                        assertTrue(r >= 0 && r <= maxIndex && Math.abs(r - x) <= delta);
                    }
                }
            }
        }
    }

    @Test
    void corruptSymbolsCannotOverflowTheReconstruction() {
        assertEquals(65535, Quantiser.reconstruct(3, Integer.MAX_VALUE, 65535, 65535));
        assertEquals(0, Quantiser.reconstruct(3, Integer.MIN_VALUE, 65535, 65535));
    }

    @Test
    void parametersRoundTripAndDamagedOnesAreMalformed() {
        for (ErrorBound b : new ErrorBound[] {
            ErrorBound.absolute(0),
            ErrorBound.absolute(65535),
            ErrorBound.noiseScaled(0.5, NoiseModel.of(1.55, 99.3, 3.7)),
            ErrorBound.noiseScaled(15.99, NoiseModel.of(255.9, 65535, 4095.9))
        }) {
            BitWriter w = new BitWriter(16);
            Quantiser.write(b, w);
            byte[] bytes = w.toByteArray();
            assertEquals(b, Quantiser.read(new BitReader(bytes, 0, bytes.length), 0));
        }
        byte[] badMode = {3, 0, 0, 0};
        assertThrows(MalformedStreamException.class, () -> Quantiser.read(new BitReader(badMode, 0, 4), 0));
        byte[] zeroK = new byte[16];
        zeroK[0] = 2;
        assertThrows(MalformedStreamException.class, () -> Quantiser.read(new BitReader(zeroK, 0, 16), 0));
        assertThrows(IllegalArgumentException.class, () -> Quantiser.write(ErrorBound.none(), new BitWriter(4)));
    }
}
