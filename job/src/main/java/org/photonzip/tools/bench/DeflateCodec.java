package org.photonzip.tools.bench;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib-wrapped deflate (java.util.zip) at a fixed level. */
public final class DeflateCodec implements BlockCodec {
    private final int level;

    public DeflateCodec(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("Invalid deflate level " + level + ": expected 0..9");
        }
        this.level = level;
    }

    @Override
    public String name() {
        return "deflate-" + level;
    }

    @Override
    public byte[] compress(byte[] raw) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] compressed, int rawLength) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[rawLength];
            int n = 0;
            while (n < rawLength) {
                int got = inflater.inflate(out, n, rawLength - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            // The stream may still hold its final (empty) block; one more byte of room tells "done" from "longer".
            if (n == rawLength && !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                n++;
            }
            if (n != rawLength || !inflater.finished()) {
                throw new IllegalStateException("deflate restored " + (n > rawLength ? "more than " : "") + n
                        + " bytes, expected " + rawLength);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("Corrupt deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
