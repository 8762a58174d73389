package org.photonzip.tools.bench;

import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.learned.InferenceBackend;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.ModelResolver;
import org.photonzip.training.TfInference;

/**
 * photonzip with the learned model: each tile coded classically and with the model, keeping the smaller
 * ({@code auto}). The encoder evaluates the network with the named backend; decoding always uses the Java
 * evaluator, so every TensorFlow-encoded tile that round-trips proves the two backends agree. The model file,
 * stored once per archive, is counted once per stack.
 */
final class LearnedContender implements Contender {
    static final String JAVA = "photonzip-learned";
    static final String TF = "photonzip-learned-tf";
    /** One TensorFlow backend per JVM, single-threaded so that the bench's MB/s are per core like the others'. */
    private static TfInference tf;

    private final String name;
    private final ModelFile model;
    private final ModelResolver resolver;
    private boolean modelCounted;

    LearnedContender(String name, ModelFile model) {
        this.name = name;
        this.model = model;
        this.resolver = ModelResolver.of(model);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void startStack() {
        modelCounted = false;
    }

    @Override
    public Measurement measure(BenchTile tile) {
        InferenceBackend backend = name.equals(TF) ? tensorFlow() : JavaInference.INSTANCE;
        EncoderOptions options = EncoderOptions.learned(model, backend, true);
        Tile input = Tile.wrap(tile.frames, tile.height, tile.width, tile.samples.clone());
        long start = System.nanoTime();
        byte[] stream = Contender.guard(name, "encode", tile, () -> TileCodec.encode(input, options));
        long encoded = System.nanoTime();
        Tile restored =
                Contender.guard(name, "decode", tile, () -> TileCodec.decode(stream, 0, stream.length, resolver));
        long decoded = System.nanoTime();
        Contender.checkRestored(name, tile, restored);
        long bytes = stream.length;
        if (!modelCounted) {
            bytes += model.toBytes().length;
            modelCounted = true;
        }
        return new Measurement(bytes, encoded - start, decoded - encoded);
    }

    private static synchronized TfInference tensorFlow() {
        if (tf == null) {
            try {
                tf = TfInference.create(1);
            } catch (IllegalStateException e) {
                throw new UnsupportedOperationException(e.getMessage(), e);
            }
        }
        return tf;
    }
}
