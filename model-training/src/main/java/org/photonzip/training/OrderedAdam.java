package org.photonzip.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * tensorflow-framework's Adam with one ordering fixed. Its {@code finish} advances the bias-correction powers
 * {@code beta1^t}, {@code beta2^t} beside the ApplyAdam ops that read them, so each update saw the old or the
 * new power depending on which op the executor ran first, and two runs with one seed trained different models.
 * Here the powers advance only after every update has run.
 */
final class OrderedAdam extends Adam {
    private final Graph graph;

    OrderedAdam(Graph graph, float learningRate) {
        super(graph, learningRate);
        this.graph = graph;
    }

    @Override
    protected Op finish(List<Op> updateOperations, String name) {
        Ops after = tf.withControlDependencies(updateOperations);
        List<Op> all = new ArrayList<>(updateOperations);
        all.add(advance(after, "beta1_power", BETA_ONE_DEFAULT));
        all.add(advance(after, "beta2_power", BETA_TWO_DEFAULT));
        return tf.withControlDependencies(all).withName(name).noOp();
    }

    private Op advance(Ops after, String power, float beta) {
        GraphOperation op = graph.operation(power);
        if (op == null) {
            throw new IllegalStateException("Cannot find Adam's " + power + " variable: tensorflow-framework changed");
        }
        Output<TFloat32> p = op.output(0);
        return after.assign(p, after.math.mul(p, after.constant(beta)));
    }
}
