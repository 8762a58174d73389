package org.photonzip.codec.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelFileTest {

    @Test
    void roundTripsAndKeepsItsHash() {
        ModelFile m = RandomModels.random(1, 16, 8);
        ModelFile back = ModelFile.parse(m.toBytes());
        assertEquals(m.network(), back.network());
        assertEquals(m.hashHex(), back.hashHex());
        assertEquals(m.locationShift(), back.locationShift());
        assertEquals(m.scaleShift(), back.scaleShift());
        assertEquals("{\"test\":true}", back.metadata());
        assertTrue(m.toBytes().length < 64 * 1024);
    }

    @Test
    void corruptionIsRefusedByTheHash() {
        byte[] b = RandomModels.random(2, 16).toBytes();
        for (int i = 0; i < b.length; i += 7) {
            byte[] bad = b.clone();
            bad[i] ^= 0x10;
            InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFile.parse(bad));
            assertTrue(e.getMessage().contains("hash mismatch"), e.getMessage());
        }
        assertThrows(InvalidModelException.class, () -> ModelFile.parse(Arrays.copyOf(b, b.length - 1)));
        assertThrows(InvalidModelException.class, () -> ModelFile.parse(new byte[10]));
    }

    @Test
    void networkBoundsAreEnforced() {
        int[][] w = {new int[IntegerMlp.INPUTS * 2], new int[2 * 2]};
        w[0][3] = 128;
        assertThrows(
                IllegalArgumentException.class,
                () -> new IntegerMlp(w, new int[][] {new int[2], new int[2]}, new int[] {0}));
    }

    @Test
    void evaluationMatchesAStraightforwardFormula() {
        ModelFile m = RandomModels.random(3, 5);
        IntegerMlp net = m.network();
        int[] x = new int[IntegerMlp.INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37) % 255 - 127;
        }
        int[] out = new int[2];
        net.evaluate(x, 0, out, 0, new int[IntegerMlp.scratchSize()]);
        int[] w0 = net.weights(0);
        int[] b0 = net.biases(0);
        int[] h = new int[5];
        for (int j = 0; j < 5; j++) {
            long acc = b0[j];
            for (int i = 0; i < IntegerMlp.INPUTS; i++) {
                acc += (long) w0[j * IntegerMlp.INPUTS + i] * x[i];
            }
            h[j] = (int) Math.max(0, Math.min(255, Math.floorDiv(acc, 1L << net.shift(0))));
        }
        int[] w1 = net.weights(1);
        for (int k = 0; k < 2; k++) {
            long acc = net.biases(1)[k];
            for (int j = 0; j < 5; j++) {
                acc += (long) w1[k * 5 + j] * h[j];
            }
            assertEquals(acc, out[k]);
        }
        int[] batch = new int[6];
        int[] xs = new int[3 * IntegerMlp.INPUTS];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(x, 0, xs, r * IntegerMlp.INPUTS, IntegerMlp.INPUTS);
        }
        JavaInference.INSTANCE.evaluate(net, xs, 3, batch);
        assertArrayEquals(new int[] {out[0], out[1], out[0], out[1], out[0], out[1]}, batch);
    }
}
