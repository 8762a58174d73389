package org.photonzip.codec.model;

import java.util.Arrays;
import org.photonzip.codec.learned.IntegerMlp;

/**
 * Examples for training the learned model: network inputs ({@code 16} per example), the classical residual to
 * be coded, and the error energy (which fixes the normalising shift and the base context).
 */
public record TrainingSet(int[] inputs, int[] residuals, int[] energies) {
    public int size() {
        return residuals.length;
    }

    /** Accumulates examples from several tiles. */
    public static final class Builder {
        private int[] inputs = new int[1024 * IntegerMlp.INPUTS];
        private int[] residuals = new int[1024];
        private int[] energies = new int[1024];
        private int n;

        public void add(int[] x, int residual, int energy) {
            if (n == residuals.length) {
                inputs = Arrays.copyOf(inputs, inputs.length * 2);
                residuals = Arrays.copyOf(residuals, n * 2);
                energies = Arrays.copyOf(energies, n * 2);
            }
            System.arraycopy(x, 0, inputs, n * IntegerMlp.INPUTS, IntegerMlp.INPUTS);
            residuals[n] = residual;
            energies[n] = energy;
            n++;
        }

        public int size() {
            return n;
        }

        public TrainingSet build() {
            return new TrainingSet(
                    Arrays.copyOf(inputs, n * IntegerMlp.INPUTS),
                    Arrays.copyOf(residuals, n),
                    Arrays.copyOf(energies, n));
        }
    }
}
