package org.photonzip.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.model.TrainingSet;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.StackGenerator;
import org.photonzip.training.EpochReport;
import org.photonzip.training.TrainedModel;
import org.photonzip.training.Trainer;
import org.photonzip.training.TrainingOptions;

/** Training on a generated stack: the loss goes down, below the classical model's, and a seed reproduces it. */
class TrainerTest {
    private static TrainingSet examples;

    @BeforeAll
    static void sample() throws IOException {
        examples = StackSampler.sample(new StackGenerator(GeneratorConfig.of(48, 64, 64, 5)), 60_000, 4, 1)
                .set();
    }

    @Test
    void trainingLowersTheLossBelowTheClassicalModel() {
        List<EpochReport> progress = new ArrayList<>();
        TrainedModel t =
                Trainer.train(examples, TrainingOptions.defaults().withMaxEpochs(12), "generated", progress::add);
        assertEquals(t.epochs(), progress, "one progress report per epoch");
        EpochReport first = progress.get(0);
        EpochReport last = progress.get(progress.size() - 1);
        assertTrue(last.trainBits() < first.trainBits(), first + " -> " + last);
        assertTrue(t.best().validationBits() <= first.validationBits(), first + " -> " + t.best());
        // The network starts as the classical model (zero output layer), so this is "training helped".
        assertTrue(
                t.best().validationBits() < 0.995 * t.best().classicalBits(),
                t.best().toString());
        assertTrue(
                t.model().metadata().contains("\"architecture\":\"mlp 16-8-2\""),
                t.model().metadata());
        assertTrue(t.model().toBytes().length < 64 * 1024);
    }

    @Test
    void sameSeedAndEpochsGiveTheSameModelFile() {
        TrainingOptions options = TrainingOptions.defaults().withMaxEpochs(2).withHidden(8);
        byte[] a =
                Trainer.train(examples, options, "generated", r -> {}).model().toBytes();
        byte[] b =
                Trainer.train(examples, options, "generated", r -> {}).model().toBytes();
        byte[] c = Trainer.train(examples, options.withSeed(2), "generated", r -> {})
                .model()
                .toBytes();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c), "another seed, another model");
    }
}
