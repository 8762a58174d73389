package org.photonzip.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.LearnedInputs;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.TrainingSet;

/**
 * The network training optimises is the network that is deployed: the loss the graph reports equals the loss
 * of the exported model file evaluated by the Java evaluator, computed here independently in double precision.
 */
class QatGraphTest {
    @Test
    void reportedLossIsTheLossOfTheExportedIntegerNetwork() {
        TrainingSet data = TestTiles.examples(2, 20_000);
        float kappa = Calibration.kappa(data);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] rows = Trainer.pack(data, order, 0, data.size());
        try (QatGraph graph = new QatGraph(new int[] {12, 8}, kappa, 1e-2f, 3, 1)) {
            for (int step = 0; step < 40; step++) {
                graph.step(rows, data.size());
            }
            double[] reported = graph.evaluate(rows, data.size());
            ModelFile model = graph.export("");
            float[][] logScales = graph.logScales();
            int[] out = new int[data.size() * IntegerMlp.OUTPUTS];
            JavaInference.INSTANCE.evaluate(model.network(), data.inputs(), data.size(), out);
            double learned = 0;
            double classical = 0;
            for (int i = 0; i < data.size(); i++) {
                int e = data.energies()[i];
                int context = data.inputs()[i * IntegerMlp.INPUTS + 14];
                int location = LearnedInputs.locationOffset(out[2 * i], e, model.locationShift());
                learned += bits(
                        data.residuals()[i] - location,
                        LearnedInputs.context(out[2 * i + 1], e, model.scaleShift()),
                        logScales[0]);
                classical += bits(data.residuals()[i], context, logScales[1]);
            }
            assertTrue(
                    reported[0] < reported[1] - 0.01,
                    "training moved the network: " + reported[0] + " vs " + reported[1]);
            assertEquals(classical / data.size(), reported[1], 1e-3);
            assertEquals(learned / data.size(), reported[0], 1e-3);
        }
    }

    /** Discretised Laplace code length with the context's scale, capped as in training. */
    private static double bits(int z, int context, float[] logScales) {
        double b = Math.exp(logScales[context]);
        double p = cdf(z + 0.5, b) - cdf(z - 0.5, b);
        return Math.min(-Math.log(p) / Math.log(2), CodeLength.MAX_BITS);
    }

    private static double cdf(double x, double b) {
        return x < 0 ? 0.5 * Math.exp(x / b) : 1 - 0.5 * Math.exp(-x / b);
    }
}
