package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** docs/learned-model.md: the model file (layout, limits, SHA-256) and its integer network. */
final class Network {
    final byte[] sha256;
    final int locationShift;
    final int scaleShift;
    private final int[][] weights;
    private final int[][] biases;
    private final int[] shifts;
    private final int[] inputs;

    private Network(byte[] file) {
        require(file.length >= 48, "model file too short");
        byte[] stored = Arrays.copyOfRange(file, file.length - 32, file.length);
        sha256 = digest(file, file.length - 32);
        require(Arrays.equals(stored, sha256), "model file SHA-256");
        ByteBuffer in = ByteBuffer.wrap(file, 0, file.length - 32).order(ByteOrder.LITTLE_ENDIAN);
        require(in.getInt() == 0x444D5A50 && in.get() == 1 && in.get() == 1, "not a version-1 MLP model file");
        in.getShort();
        int layers = in.get();
        locationShift = in.get();
        scaleShift = in.get();
        in.get();
        in.getInt();
        require(layers >= 1 && layers <= 3, "layer count");
        require(locationShift >= 0 && locationShift <= 24 && scaleShift >= 0 && scaleShift <= 24, "output shifts");
        weights = new int[layers][];
        biases = new int[layers][];
        shifts = new int[layers];
        inputs = new int[layers];
        int width = 16;
        for (int l = 0; l < layers; l++) {
            int n = in.getShort() & 0xFFFF;
            int m = in.getShort() & 0xFFFF;
            shifts[l] = in.get() & 0xFF;
            in.get();
            in.getShort();
            boolean last = l == layers - 1;
            require(n == width && (last ? m == 2 : m >= 1 && m <= 64), "layer " + l + " is " + n + "x" + m);
            require(last || shifts[l] <= 24, "shift");
            weights[l] = new int[n * m];
            for (int i = 0; i < weights[l].length; i++) {
                weights[l][i] = in.get();
                require(weights[l][i] >= -127, "weight -128");
            }
            biases[l] = new int[m];
            for (int j = 0; j < m; j++) {
                biases[l][j] = in.getInt();
                require(Math.abs((long) biases[l][j]) <= 1 << 20, "bias");
            }
            inputs[l] = n;
            width = m;
        }
        int metaLength = in.getInt();
        require(metaLength == in.remaining(), "metadata length");
    }

    static Network parse(byte[] file) {
        try {
            return new Network(file);
        } catch (java.nio.BufferUnderflowException e) {
            throw new SpecException("model file truncated");
        }
    }

    /** The two outputs for the 16 inputs {@code x}. */
    long[] evaluate(long[] x) {
        long[] in = x;
        for (int l = 0; l < weights.length; l++) {
            int m = biases[l].length;
            long[] out = new long[m];
            for (int j = 0; j < m; j++) {
                long sum = biases[l][j];
                for (int i = 0; i < inputs[l]; i++) {
                    sum += (long) weights[l][j * inputs[l] + i] * in[i];
                }
                out[j] = l == weights.length - 1 ? sum : Math.min(Math.max(sum >> shifts[l], 0), 255);
            }
            in = out;
        }
        return in;
    }

    private static byte[] digest(byte[] b, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
