package org.photonzip.codec.learned;

/**
 * Evaluates the integer network over a batch of input vectors. Every backend must return exactly what
 * {@link JavaInference} returns; tests hold each one to that, element for element.
 */
public interface InferenceBackend {
    String name();

    /**
     * Evaluates {@code rows} input vectors ({@code inputs[r*16 .. r*16+16)}) into
     * {@code outputs[r*2 .. r*2+2)}.
     */
    void evaluate(IntegerMlp network, int[] inputs, int rows, int[] outputs);
}
