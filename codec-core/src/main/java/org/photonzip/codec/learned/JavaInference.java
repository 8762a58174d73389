package org.photonzip.codec.learned;

/** The reference backend: the network evaluated in plain integer Java, one vector at a time. */
public final class JavaInference implements InferenceBackend {
    public static final JavaInference INSTANCE = new JavaInference();

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void evaluate(IntegerMlp network, int[] inputs, int rows, int[] outputs) {
        int[] scratch = new int[IntegerMlp.scratchSize()];
        for (int r = 0; r < rows; r++) {
            network.evaluate(inputs, r * IntegerMlp.INPUTS, outputs, r * IntegerMlp.OUTPUTS, scratch);
        }
    }
}
