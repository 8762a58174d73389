package org.photonzip.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.ModelResolver;
import org.photonzip.codec.model.TrainingSet;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.TestData;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.StackGenerator;
import org.photonzip.training.TfInference;
import org.photonzip.training.Trainer;
import org.photonzip.training.TrainingOptions;

/**
 * The TensorFlow backend and the Java evaluator agree on real and generated stacks: identical network outputs
 * element for element on the sampler's inputs, byte-identical tile streams, and TensorFlow-encoded streams
 * decode (with the Java evaluator, as always) bit-exact. Each stack gets a model briefly trained on itself, so
 * the network's outputs span what a real model produces.
 */
@Tag("slow")
class LearnedBackendsAgreeTest {
    private static TfInference tf;

    @BeforeAll
    static void loadTensorFlow() {
        tf = TfInference.create(1);
    }

    @AfterAll
    static void close() {
        tf.close();
    }

    @Test
    void generatedStack() throws IOException {
        check(new StackGenerator(GeneratorConfig.of(40, 48, 64, 11)));
    }

    @Test
    void k11DiadProjections() throws IOException {
        String file =
                TestData.require("k11-diad/k11-18014/k11-18014-imaging.h5").toString();
        try (StackSource s = StackSources.open(file + ":/entry/detector/detector@100:500")) {
            check(s);
        }
    }

    @Test
    void savuI13Tiffs() throws IOException {
        try (StackSource s = StackSources.open(TestData.require("savu-i13/tiffs") + "@0:30")) {
            check(s);
        }
    }

    @Test
    void psiNeutronCtWithGammaSpots() throws IOException {
        String file = TestData.require("psi-neutron-ct/stack.h5").toString();
        try (StackSource s = StackSources.open(file + ":/entry/data/data@0:12")) {
            check(s);
        }
    }

    private static void check(StackSource source) throws IOException {
        TrainingSet set = StackSampler.sample(source, 20_000, 2, 3).set();
        ModelFile model = Trainer.train(set, TrainingOptions.defaults().withMaxEpochs(2), source.description(), r -> {})
                .model();
        int rows = set.size();
        int[] expected = new int[rows * IntegerMlp.OUTPUTS];
        int[] actual = new int[rows * IntegerMlp.OUTPUTS];
        JavaInference.INSTANCE.evaluate(model.network(), set.inputs(), rows, expected);
        tf.evaluate(model.network(), set.inputs(), rows, actual);
        assertArrayEquals(expected, actual, "network outputs on " + rows + " sampled inputs");
        assertTrue(java.util.Arrays.stream(expected).anyMatch(v -> v != 0), "a network that does something");

        List<TileRegion> tiles = TilePlanner.plan(
                source.frames(),
                source.height(),
                source.width(),
                TilePlanner.defaultShape(source.frames(), source.height(), source.width()));
        ModelResolver resolver = ModelResolver.of(model);
        for (TileRegion r : tiles.subList(0, Math.min(2, tiles.size()))) {
            short[] samples = new short[(int) r.samples()];
            source.read(r.t0(), r.frames(), r.y0(), r.height(), r.x0(), r.width(), samples);
            Tile tile = Tile.wrap(r.frames(), r.height(), r.width(), samples);
            for (boolean keepSmaller : new boolean[] {false, true}) {
                byte[] java =
                        TileCodec.encode(tile, EncoderOptions.learned(model, JavaInference.INSTANCE, keepSmaller));
                byte[] tfStream = TileCodec.encode(tile, EncoderOptions.learned(model, tf, keepSmaller));
                assertArrayEquals(java, tfStream, "streams of " + r + " encoded with each backend");
                if (!keepSmaller) {
                    assertEquals(TileFormat.METHOD_MODELLED, tfStream[5], "a learned, not a stored, stream");
                }
                Tile back = TileCodec.decode(tfStream, 0, tfStream.length, resolver);
                assertArrayEquals(
                        samples, back.samples(), "TensorFlow-encoded " + r + " decoded by the Java evaluator");
            }
        }
    }
}
