package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * An independent decoder of tile streams (stored, classical and learned), written from docs/tile-format.md and
 * docs/learned-model.md alone. It shares
 * no code with codec-core (a test holds it to java.* imports) and favours plainness over speed, so that when it
 * and the reference decoder agree on the golden streams, the specification is what both implement.
 */
public final class SpecDecoder {
    private SpecDecoder() {}

    /** A decoded tile: its header fields and its samples (unsigned, t, y, x order). */
    public record Decoded(int version, long frames, long height, long width, long[] identity, int[] samples) {}

    /** Decodes a stored or classical stream. */
    public static Decoded decode(byte[] s) {
        return decode(s, hash -> null);
    }

    /** Decodes a stream; {@code models} gives the model file of a SHA-256 (lowercase hex), or null. */
    public static Decoded decode(byte[] s, Function<String, byte[]> models) {
        Header h = Header.parse(s);
        int n = h.samples();
        int[] samples = h.method() == 0 ? stored(s, h.size(), n) : modelled(s, h, models);
        byte[] le = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            le[2 * i] = (byte) samples[i];
            le[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        CRC32C crc = new CRC32C();
        crc.update(le);
        require(crc.getValue() == h.sampleCrc(), "samples' CRC32C");
        return new Decoded(h.version(), h.frames(), h.height(), h.width(), h.identity(), samples);
    }

    private static int[] stored(byte[] s, int body, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Bytes.u16(s, body + 2 * i);
        }
        return out;
    }

    private static int[] modelled(byte[] s, Header h, Function<String, byte[]> models) {
        int pos = h.size();
        require(s.length - pos >= 8, "body too short");
        long metaLength = Bytes.u32(s, pos);
        require(metaLength <= s.length - pos - 8, "metadata length");
        BitFields meta = new BitFields(s, pos + 4, (int) metaLength);
        Values values = Values.read(meta);
        int model = (int) meta.take(8);
        require(model == 1 || model == 2, "model id " + model);
        Network net = null;
        if (model == 2) {
            byte[] hash = new byte[32];
            for (int i = 0; i < 32; i++) {
                hash[i] = (byte) meta.take(8);
            }
            byte[] file = models.apply(HexFormat.of().formatHex(hash));
            require(file != null, "model id 2 needs model " + HexFormat.of().formatHex(hash));
            net = Network.parse(file);
            require(Arrays.equals(net.sha256, hash), "model file of another hash");
        }
        Classical classical =
                new Classical(meta, (int) h.frames(), (int) h.height(), (int) h.width(), values.maxIndex, net);
        Tables tables = Tables.read(meta);
        meta.finish();
        pos += 4 + (int) metaLength;
        long ransLength = Bytes.u32(s, pos);
        require(ransLength >= 4 && ransLength <= s.length - pos - 4, "rANS length");
        Rans rans = new Rans(s, pos + 4, (int) ransLength);
        int rawStart = pos + 4 + (int) ransLength;
        Residuals residuals = new Residuals(tables, rans, new BitFields(s, rawStart, s.length - rawStart));
        int[] indices = classical.decode(residuals);
        residuals.finish();
        for (int i = 0; i < indices.length; i++) {
            indices[i] = values.value(indices[i]);
        }
        return indices;
    }
}
