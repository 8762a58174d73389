package org.photonzip.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.photonzip.codec.entropy.ResidualAlphabet;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.ModelFile;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The quantisation-aware training graph. Two chains run side by side over the same batch:
 * <ul>
 *   <li>the <em>exact</em> chain is the deployed integer network, op for op as docs/learned-model.md specifies
 *   (integer weights, floor of an exact power-of-two shift, clip to 0..255, floored output corrections), so the
 *   loss it reports is the loss of the model file that will be written;</li>
 *   <li>the <em>soft</em> chain carries the gradients: the same layers with the quantised weights and clipped
 *   but unfloored activations, its values replaced by the exact chain's on the way forward (straight-through
 *   estimator).</li>
 * </ul>
 * A batch row is the 16 network inputs, the classical residual and {@code 2^sh} (the normalising shift).
 */
final class QatGraph implements AutoCloseable {
    static final int COLUMNS = IntegerMlp.INPUTS + 2;
    private static final int RESIDUAL = IntegerMlp.INPUTS;
    private static final int SCALE = IntegerMlp.INPUTS + 1;
    private static final int CONTEXT = 14;
    private static final float INITIAL_HIDDEN_BIAS = 16;

    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> batch;
    private final List<QuantisedLayer> layers = new ArrayList<>();
    private final Operand<TFloat32> bits;
    private final Operand<TFloat32> classicalBits;
    /** Log Laplace scale per context, for the learned model's contexts and for the classical ones. */
    private final Operand<TFloat32> scales;

    private final Operand<TFloat32> classicalScales;
    /** What Adam minimises: the learned model's bits, and the classical baseline's for its own scales. */
    private final Operand<TFloat32> objective;

    private final Op train;
    private final List<Output<?>> gradients = new ArrayList<>();
    private final List<Placeholder<TFloat32>> gradientFeeds = new ArrayList<>();

    QatGraph(int[] hidden, float kappa, float learningRate, long seed, int threads) {
        graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            SplittableRandom random = new SplittableRandom(seed);
            batch = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, COLUMNS)));
            Operand<TFloat32> exact =
                    tf.slice(batch, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, IntegerMlp.INPUTS}));
            Operand<TFloat32> soft = exact;
            int in = IntegerMlp.INPUTS;
            for (int width : hidden) {
                QuantisedLayer q = new QuantisedLayer(tf, in, width, false, false, INITIAL_HIDDEN_BIAS, random);
                layers.add(q);
                Operand<TFloat32> exactSum =
                        tf.math.mul(tf.math.add(tf.linalg.matMul(exact, q.weightInts), q.biasInts), q.inverseScale);
                exact = clip(tf, tf.math.floor(exactSum), IntegerMlp.MAX_ACTIVATION);
                Operand<TFloat32> softSum = tf.math.add(tf.linalg.matMul(soft, q.weights), q.biases);
                soft = QuantisedLayer.straightThrough(tf, clip(tf, softSum, IntegerMlp.MAX_ACTIVATION), exact);
                in = width;
            }
            // The output layer starts at zero: training begins from the classical model and moves away from it.
            QuantisedLayer out = new QuantisedLayer(tf, in, IntegerMlp.OUTPUTS, true, true, 0, random);
            layers.add(out);
            Operand<TFloat32> exactOut =
                    tf.math.mul(tf.math.add(tf.linalg.matMul(exact, out.weightInts), out.biasInts), out.inverseScale);
            Operand<TFloat32> softOut = tf.math.add(tf.linalg.matMul(soft, out.weights), out.biases);

            Operand<TFloat32> residual = column(tf, batch, RESIDUAL);
            Operand<TFloat32> scale = column(tf, batch, SCALE);
            Operand<TFloat32> context = column(tf, batch, CONTEXT);
            Operand<TFloat32> location = QuantisedLayer.straightThrough(
                    tf,
                    tf.math.mul(column(tf, softOut, 0), scale),
                    tf.math.floor(tf.math.mul(column(tf, exactOut, 0), scale)));
            float top = ResidualAlphabet.CONTEXTS - 1;
            Operand<TFloat32> moved = QuantisedLayer.straightThrough(
                    tf,
                    clip(tf, tf.math.add(context, column(tf, softOut, 1)), top),
                    clip(tf, tf.math.add(context, tf.math.floor(column(tf, exactOut, 1))), top));
            // Each model gets a Laplace scale per context, learned with it: the coder's per-tile tables fit the
            // scales anyway, so only better predictions and better groupings into contexts should count.
            scales = tf.variable(tf.constant(CodeLength.initialLogScales(kappa)));
            classicalScales = tf.variable(tf.constant(CodeLength.initialLogScales(kappa)));
            bits = tf.math.mean(CodeLength.bits(tf, tf.math.sub(residual, location), moved, scales), tf.constant(0));
            classicalBits = tf.math.mean(CodeLength.bits(tf, residual, context, classicalScales), tf.constant(0));
            objective = tf.math.add(bits, classicalBits);
            // Gradients and the update run as two session calls, not one: in one call an update may overwrite a
            // variable that another op of the same step has yet to read, and which op wins varies run to run.
            Adam adam = new OrderedAdam(graph, learningRate);
            List<Optimizer.GradAndVar<? extends TType>> fed = new ArrayList<>();
            for (Optimizer.GradAndVar<?> g : adam.computeGradients(objective)) {
                Placeholder<TFloat32> p = tf.placeholder(
                        TFloat32.class, Placeholder.shape(g.getGradient().shape()));
                gradients.add(g.getGradient());
                gradientFeeds.add(p);
                fed.add(new Optimizer.GradAndVar<>(p.output(), asFloat(g.getVariable())));
            }
            train = adam.applyGradients(fed, "train");
            session = new Session(graph, TensorFlowRuntime.sessionConfig(threads));
            session.initialize();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** One Adam step on {@code rows} packed rows; returns the batch's mean bits before the step. */
    double step(float[] rows, int count) {
        Session.Runner forward = session.runner();
        gradients.forEach(forward::fetch);
        try (TFloat32 t = tensor(rows, count);
                Result r = forward.feed(batch, t).fetch(bits).run()) {
            Session.Runner update = session.runner().addTarget(train);
            for (int i = 0; i < gradientFeeds.size(); i++) {
                update.feed(gradientFeeds.get(i), r.get(i));
            }
            update.run().close();
            return ((TFloat32) r.get(gradients.size())).getFloat();
        }
    }

    /** Mean bits of the current integer network and of the classical model over {@code rows}. */
    double[] evaluate(float[] rows, int count) {
        try (TFloat32 t = tensor(rows, count);
                Result r = session.runner()
                        .feed(batch, t)
                        .fetch(bits)
                        .fetch(classicalBits)
                        .run()) {
            return new double[] {((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat()};
        }
    }

    /** The per-context log-scales of the loss, learned model's then classical's (for tests). */
    float[][] logScales() {
        try (Result r = session.runner().fetch(scales).fetch(classicalScales).run()) {
            float[][] out = new float[2][ResidualAlphabet.CONTEXTS];
            for (int k = 0; k < 2; k++) {
                r.get(k).asRawTensor().data().asFloats().read(out[k]);
            }
            return out;
        }
    }

    /** The integer network the exact chain evaluates now, as a model file with {@code metadata}. */
    ModelFile export(String metadata) {
        Session.Runner runner = session.runner();
        for (QuantisedLayer q : layers) {
            runner.fetch(q.weightInts).fetch(q.biasInts).fetch(q.exponent);
        }
        try (Result r = runner.run()) {
            int n = layers.size();
            int[][] weights = new int[n][];
            int[][] biases = new int[n][];
            int[] shifts = new int[n - 1];
            int[] outputShifts = null;
            for (int l = 0; l < n; l++) {
                TFloat32 w = (TFloat32) r.get(3 * l);
                int rows = (int) w.shape().get(0);
                int cols = (int) w.shape().get(1);
                weights[l] = new int[rows * cols];
                // TensorFlow holds [in, out]; the model file holds [out][in].
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        weights[l][j * rows + i] = (int) w.getFloat(i, j);
                    }
                }
                biases[l] = ints((TFloat32) r.get(3 * l + 1));
                int[] k = ints((TFloat32) r.get(3 * l + 2));
                if (l < n - 1) {
                    shifts[l] = k[0];
                } else {
                    outputShifts = k;
                }
            }
            return new ModelFile(new IntegerMlp(weights, biases, shifts), outputShifts[0], outputShifts[1], metadata);
        }
    }

    @SuppressWarnings("unchecked")
    private static Output<TFloat32> asFloat(Output<?> variable) {
        return (Output<TFloat32>) variable;
    }

    private static int[] ints(TFloat32 t) {
        int n = (int) t.size();
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = (int) (t.rank() == 0 ? t.getFloat() : t.getFloat(i));
        }
        return v;
    }

    private static TFloat32 tensor(float[] rows, int count) {
        TFloat32 t = TFloat32.tensorOf(Shape.of(count, COLUMNS));
        t.asRawTensor().data().asFloats().write(rows, 0, count * COLUMNS);
        return t;
    }

    /** Column {@code c} of a {@code [rows, cols]} matrix as a vector (a MatMul with a one-hot column, so it has a gradient). */
    private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> m, int c) {
        int cols = (int) m.shape().get(1);
        float[][] pick = new float[cols][1];
        pick[c][0] = 1;
        return tf.reshape(tf.linalg.matMul(m, tf.constant(pick)), tf.constant(new int[] {-1}));
    }

    private static Operand<TFloat32> clip(Ops tf, Operand<TFloat32> x, float top) {
        return tf.math.minimum(tf.math.maximum(x, tf.constant(0f)), tf.constant(top));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
