package org.photonzip.codec.learned;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A learned model as stored on disk and inside archives: the integer network, its output shifts, free-form
 * metadata (training provenance, JSON) and the SHA-256 of all of it, by which tile streams reference the model.
 * Layout in docs/learned-model.md.
 */
public final class ModelFile {
    static final int MAGIC = 0x444D5A50; // "PZMD"
    public static final int VERSION = 1;
    static final int ARCH_MLP_REFINER = 1;
    public static final int HASH_BYTES = 32;

    private final IntegerMlp network;
    private final int locationShift;
    private final int scaleShift;
    private final String metadata;
    private final byte[] bytes;
    private final byte[] hash;

    public ModelFile(IntegerMlp network, int locationShift, int scaleShift, String metadata) {
        if (locationShift < 0 || locationShift > 24 || scaleShift < 0 || scaleShift > 24) {
            throw new IllegalArgumentException("Invalid output shifts " + locationShift + ", " + scaleShift);
        }
        this.network = network;
        this.locationShift = locationShift;
        this.scaleShift = scaleShift;
        this.metadata = metadata == null ? "" : metadata;
        byte[] body = serialiseBody();
        this.hash = sha256(body, body.length);
        this.bytes = Arrays.copyOf(body, body.length + HASH_BYTES);
        System.arraycopy(hash, 0, bytes, body.length, HASH_BYTES);
    }

    public IntegerMlp network() {
        return network;
    }

    public int locationShift() {
        return locationShift;
    }

    public int scaleShift() {
        return scaleShift;
    }

    public String metadata() {
        return metadata;
    }

    /** SHA-256 of the file's content before the hash. */
    public byte[] hash() {
        return hash.clone();
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** The serialised file. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    private byte[] serialiseBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(MAGIC).put((byte) VERSION).put((byte) ARCH_MLP_REFINER).putShort((short) 0);
        head.put((byte) network.layers())
                .put((byte) locationShift)
                .put((byte) scaleShift)
                .put((byte) 0);
        head.putInt(0);
        out.writeBytes(head.array());
        for (int l = 0; l < network.layers(); l++) {
            ByteBuffer layer = ByteBuffer.allocate(8 + network.weights(l).length + 4 * network.width(l + 1))
                    .order(ByteOrder.LITTLE_ENDIAN);
            layer.putShort((short) network.width(l)).putShort((short) network.width(l + 1));
            layer.put((byte) (l < network.layers() - 1 ? network.shift(l) : 0))
                    .put((byte) 0)
                    .putShort((short) 0);
            for (int w : network.weights(l)) {
                layer.put((byte) w);
            }
            for (int b : network.biases(l)) {
                layer.putInt(b);
            }
            out.writeBytes(layer.array());
        }
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.length);
        out.writeBytes(len.array());
        out.writeBytes(meta);
        return out.toByteArray();
    }

    /**
     * Parses and checks a model file.
     *
     * @throws InvalidModelException if it is truncated, corrupted (hash mismatch) or not a model file
     */
    public static ModelFile parse(byte[] b) {
        if (b.length < 16 + HASH_BYTES) {
            throw new InvalidModelException("model file of " + b.length + " bytes is too short");
        }
        byte[] stored = Arrays.copyOfRange(b, b.length - HASH_BYTES, b.length);
        byte[] computed = sha256(b, b.length - HASH_BYTES);
        if (!Arrays.equals(stored, computed)) {
            throw new InvalidModelException(
                    "model file hash mismatch: stored " + HexFormat.of().formatHex(stored) + ", computed "
                            + HexFormat.of().formatHex(computed) + " (corrupted file)");
        }
        ByteBuffer in = ByteBuffer.wrap(b, 0, b.length - HASH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (in.getInt() != MAGIC) {
                throw new InvalidModelException("not a photonzip model file (bad magic)");
            }
            int version = in.get() & 0xFF;
            if (version != VERSION) {
                throw new InvalidModelException("model file version " + version + " is not supported (this build "
                        + "reads version " + VERSION + ")");
            }
            int arch = in.get() & 0xFF;
            if (arch != ARCH_MLP_REFINER) {
                throw new InvalidModelException("unknown model architecture " + arch);
            }
            in.getShort();
            int layers = in.get() & 0xFF;
            int locationShift = in.get() & 0xFF;
            int scaleShift = in.get() & 0xFF;
            in.get();
            in.getInt();
            if (layers < 1 || layers > 3) {
                throw new InvalidModelException("model has " + layers + " layers");
            }
            int[][] weights = new int[layers][];
            int[][] biases = new int[layers][];
            int[] shifts = new int[layers - 1];
            for (int l = 0; l < layers; l++) {
                int n = in.getShort() & 0xFFFF;
                int m = in.getShort() & 0xFFFF;
                int shift = in.get() & 0xFF;
                in.get();
                in.getShort();
                if ((long) n * m > 1 << 16) {
                    throw new InvalidModelException("layer " + l + " of " + n + "x" + m + " is too large");
                }
                weights[l] = new int[n * m];
                for (int i = 0; i < weights[l].length; i++) {
                    weights[l][i] = in.get();
                }
                biases[l] = new int[m];
                for (int i = 0; i < m; i++) {
                    biases[l][i] = in.getInt();
                }
                if (l < layers - 1) {
                    shifts[l] = shift;
                }
            }
            int metaLength = in.getInt();
            if (metaLength < 0 || metaLength != in.remaining()) {
                throw new InvalidModelException("metadata length " + metaLength + " does not match the file");
            }
            byte[] meta = new byte[metaLength];
            in.get(meta);
            ModelFile model = new ModelFile(
                    new IntegerMlp(weights, biases, shifts),
                    locationShift,
                    scaleShift,
                    new String(meta, StandardCharsets.UTF_8));
            return model;
        } catch (java.nio.BufferUnderflowException e) {
            throw new InvalidModelException("model file truncated");
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("invalid network: " + e.getMessage());
        }
    }

    static byte[] sha256(byte[] b, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
