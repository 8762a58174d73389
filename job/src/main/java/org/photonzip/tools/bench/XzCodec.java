package org.photonzip.tools.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** xz (LZMA2) at a preset, one .xz stream per tile, single-threaded, as {@code xz -6} would write it. */
public final class XzCodec implements BlockCodec {
    private final int preset;
    private final LZMA2Options options;
    /** Reuses the encoder's large buffers (~100 MB at preset 6) across tiles instead of reallocating them. */
    private final ArrayCache cache = new BasicArrayCache();

    public XzCodec(int preset) {
        try {
            this.options = new LZMA2Options(preset);
        } catch (UnsupportedOptionsException e) {
            throw new IllegalArgumentException("Invalid xz preset " + preset + ": expected 0..9", e);
        }
        this.preset = preset;
    }

    @Override
    public String name() {
        return "xz-" + preset;
    }

    @Override
    public byte[] compress(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (XZOutputStream xz = new XZOutputStream(out, forInput(raw.length), cache)) {
            xz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The preset's options with the dictionary shrunk to the input size, as the xz tool does for a file of known
     * size: matches cannot reach further back than the input anyway, and a tile no longer pays for allocating and
     * clearing the preset's full dictionary and match-finder tables.
     */
    private LZMA2Options forInput(int length) {
        if (length >= options.getDictSize()) {
            return options;
        }
        LZMA2Options shrunk = (LZMA2Options) options.clone();
        try {
            shrunk.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, length));
        } catch (UnsupportedOptionsException e) {
            throw new IllegalStateException(e);
        }
        return shrunk;
    }

    @Override
    public byte[] decompress(byte[] compressed, int rawLength) {
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(compressed), cache)) {
            byte[] out = in.readNBytes(rawLength);
            if (out.length != rawLength || in.read() != -1) {
                throw new IllegalStateException("xz restored a different length than the expected " + rawLength);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt xz stream: " + e.getMessage(), e);
        }
    }
}
