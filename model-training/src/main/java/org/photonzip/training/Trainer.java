package org.photonzip.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.LearnedInputs;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.TrainingSet;

/**
 * Trains the learned model's integer network with TensorFlow (graph mode, Adam), quantisation-aware, within
 * a time budget. A seeded tenth of the samples (at most {@value #MAX_VALIDATION}) is held out; each epoch ends
 * with their loss, and the network of the best epoch is the one written. Training stops when the next epoch
 * would overrun the budget, after {@link TrainingOptions#maxEpochs()} epochs, or after {@value #PATIENCE}
 * epochs without improvement.
 */
public final class Trainer {
    static final int MAX_VALIDATION = 65_536;
    static final int PATIENCE = 10;
    /** Single-threaded TensorFlow: reproducible sums, and the second core is free for the caller. */
    private static final int THREADS = 1;

    private Trainer() {}

    /**
     * @param data     examples from {@link org.photonzip.codec.model.TrainingSampler}
     * @param source   what the examples came from, recorded in the model's metadata
     * @param progress receives a report after every epoch
     * @throws IllegalStateException if TensorFlow cannot be loaded
     */
    public static TrainedModel train(
            TrainingSet data, TrainingOptions options, String source, Consumer<EpochReport> progress) {
        long start = System.nanoTime();
        TensorFlowRuntime.require();
        if (data.size() < 2) {
            throw new IllegalArgumentException("Cannot train on " + data.size() + " samples");
        }
        float kappa = Calibration.kappa(data);
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] order = permutation(data.size(), random);
        int validation = Math.max(1, Math.min(MAX_VALIDATION, data.size() / 10));
        float[] held = pack(data, order, 0, validation);
        float[] train = pack(data, order, validation, data.size());
        int trainRows = data.size() - validation;

        List<EpochReport> history = new ArrayList<>();
        EpochReport best = null;
        ModelFile bestModel = null;
        try (QatGraph graph =
                new QatGraph(options.hidden(), kappa, options.learningRate(), random.nextLong(), THREADS)) {
            int batch = Math.min(options.batchSize(), trainRows);
            float[] rows = new float[batch * QatGraph.COLUMNS];
            double lastEpoch = 0;
            for (int epoch = 1; ; epoch++) {
                long epochStart = System.nanoTime();
                int[] shuffled = permutation(trainRows, random);
                double sum = 0;
                for (int first = 0; first + batch <= trainRows; first += batch) {
                    for (int i = 0; i < batch; i++) {
                        System.arraycopy(
                                train,
                                shuffled[first + i] * QatGraph.COLUMNS,
                                rows,
                                i * QatGraph.COLUMNS,
                                QatGraph.COLUMNS);
                    }
                    sum += graph.step(rows, batch);
                }
                double trainBits = sum / (trainRows / batch);
                double[] eval = evaluate(graph, held, validation);
                double elapsed = seconds(start);
                EpochReport report = new EpochReport(epoch, trainBits, eval[0], eval[1], elapsed);
                history.add(report);
                progress.accept(report);
                if (best == null || report.validationBits() < best.validationBits()) {
                    best = report;
                    bestModel = graph.export("");
                }
                lastEpoch = seconds(epochStart);
                if (epoch == options.maxEpochs()
                        || epoch - best.epoch() >= PATIENCE
                        || elapsed + lastEpoch > options.seconds()) {
                    break;
                }
            }
        }
        String metadata = metadata(options, source, data.size(), validation, kappa, best, history.size());
        ModelFile model =
                new ModelFile(bestModel.network(), bestModel.locationShift(), bestModel.scaleShift(), metadata);
        return new TrainedModel(model, best, List.copyOf(history), seconds(start));
    }

    /** Mean bits over the held-out rows, in batches of at most 65536 rows. */
    private static double[] evaluate(QatGraph graph, float[] held, int count) {
        int chunk = 1 << 16;
        double[] sum = new double[2];
        float[] rows = new float[Math.min(chunk, count) * QatGraph.COLUMNS];
        for (int first = 0; first < count; first += chunk) {
            int n = Math.min(chunk, count - first);
            System.arraycopy(held, first * QatGraph.COLUMNS, rows, 0, n * QatGraph.COLUMNS);
            double[] e = graph.evaluate(rows, n);
            sum[0] += e[0] * n;
            sum[1] += e[1] * n;
        }
        return new double[] {sum[0] / count, sum[1] / count};
    }

    /** Rows {@code order[from..to)} as the graph's packed rows: 16 inputs, residual, {@code 2^sh}. */
    static float[] pack(TrainingSet data, int[] order, int from, int to) {
        float[] out = new float[(to - from) * QatGraph.COLUMNS];
        int[] inputs = data.inputs();
        for (int r = from; r < to; r++) {
            int i = order[r];
            int o = (r - from) * QatGraph.COLUMNS;
            for (int k = 0; k < IntegerMlp.INPUTS; k++) {
                out[o + k] = inputs[i * IntegerMlp.INPUTS + k];
            }
            out[o + IntegerMlp.INPUTS] = data.residuals()[i];
            out[o + IntegerMlp.INPUTS + 1] = 1 << LearnedInputs.normalisingShift(data.energies()[i]);
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Provenance for people; deterministic (no times, no host names) so that a re-run reproduces the hash. */
    private static String metadata(
            TrainingOptions o, String source, int samples, int validation, float kappa, EpochReport best, int epochs) {
        return String.format(
                Locale.ROOT,
                "{\"model\":\"photonzip learned refiner\",\"architecture\":\"mlp %s\","
                        + "\"trained_on\":%s,\"samples\":%d,\"validation_samples\":%d,\"seed\":%d,\"epochs\":%d,"
                        + "\"best_epoch\":%d,\"batch\":%d,\"learning_rate\":%s,\"kappa\":%s,"
                        + "\"validation_bits\":%.4f,\"classical_bits\":%.4f,\"trainer\":%s}",
                o.architecture(),
                Json.quote(source),
                samples,
                validation,
                o.seed(),
                epochs,
                best.epoch(),
                o.batchSize(),
                o.learningRate(),
                kappa,
                best.validationBits(),
                best.classicalBits(),
                Json.quote("photonzip model-training, "
                        + TensorFlowRuntime.status().detail()));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
