package org.photonzip.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;

/**
 * The TensorFlow backend against the reference evaluator, element for element. No assumption guards: on a
 * machine where TensorFlow cannot load, these tests fail (that is a broken install, not a skip).
 */
class TfInferenceTest {
    private static TfInference tf;

    @BeforeAll
    static void load() {
        tf = TfInference.create(1);
    }

    @AfterAll
    static void close() {
        tf.close();
    }

    private static void assertSameOutputs(ModelFile model, int[] inputs, int rows) {
        int[] expected = new int[rows * IntegerMlp.OUTPUTS];
        int[] actual = new int[rows * IntegerMlp.OUTPUTS];
        JavaInference.INSTANCE.evaluate(model.network(), inputs, rows, expected);
        tf.evaluate(model.network(), inputs, rows, actual);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                assertEquals(expected[i], actual[i], "row " + i / 2 + " output " + i % 2 + " of " + model.hashHex());
            }
        }
    }

    @Test
    void randomNetworksOnRandomInputsMatchTheJavaEvaluator() {
        int[][] shapes = {{}, {1}, {16}, {64}, {32, 16}, {64, 64}, {7, 3}};
        long seed = 1;
        for (int[] hidden : shapes) {
            for (boolean extreme : new boolean[] {false, true}) {
                ModelFile model = ExtremeNetworks.random(seed++, extreme, hidden);
                assertSameOutputs(model, ExtremeNetworks.inputs(seed, 5000), 5000);
            }
        }
    }

    @Test
    void partialSumsAtTheFormatsBoundStayExact() {
        // All weights +127, inputs +127 / activations 255, bias +2^20: the largest sums the format allows.
        int[][] w = {filled(64 * 16, 127), filled(2 * 64, 127)};
        int[][] b = {filled(64, IntegerMlp.MAX_BIAS), new int[] {IntegerMlp.MAX_BIAS, -IntegerMlp.MAX_BIAS}};
        ModelFile model = new ModelFile(new IntegerMlp(w, b, new int[] {0}), 0, 0, "");
        int[] x = filled(3 * IntegerMlp.INPUTS, 127);
        int[] out = new int[6];
        tf.evaluate(model.network(), x, 3, out);
        int top = IntegerMlp.MAX_BIAS + 64 * 127 * 255;
        assertArrayEquals(
                new int[] {
                    top,
                    top - 2 * IntegerMlp.MAX_BIAS,
                    top,
                    top - 2 * IntegerMlp.MAX_BIAS,
                    top,
                    top - 2 * IntegerMlp.MAX_BIAS
                },
                out);
        assertTrue(top > (1 << 21) && top < (1 << 24));
    }

    @Test
    void batchesLargerThanAChunkAndEmptyBatches() {
        ModelFile model = ExtremeNetworks.random(99, false, 16);
        int rows = TfNetwork.CHUNK_ROWS * 2 + 17;
        assertSameOutputs(model, ExtremeNetworks.inputs(5, rows), rows);
        tf.evaluate(model.network(), new int[0], 0, new int[0]);
    }

    @Test
    void backendSelection() {
        assertEquals("java", Backends.select("java", 1).backend().name());
        assertEquals(TfInference.NAME, Backends.select("TF", 1).backend().name());
        Backends.Selection auto = Backends.select("auto", 1);
        assertEquals(TfInference.NAME, auto.backend().name(), "TensorFlow loads here, so auto picks it");
        assertTrue(auto.message().contains("TensorFlow 2."), auto.message());
        assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda", 1));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
