package org.photonzip.restore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Coalesces adjacent writes of samples into requests of up to 1 MiB at explicit file positions. */
final class RunWriter {
    private final FileChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long start = -1;

    RunWriter(FileChannel out) {
        this.out = out;
    }

    /** Queues {@code n} samples from {@code s[from]} for file position {@code at}, {@code es} bytes each. */
    void put(long at, short[] s, int from, int n, int es) throws IOException {
        if (start >= 0 && (at != start + buffer.position() || buffer.remaining() < n * es)) {
            flush();
        }
        if (start < 0) {
            start = at;
        }
        if (buffer.remaining() < n * es) {
            ByteBuffer big = ByteBuffer.allocate(n * es).order(ByteOrder.LITTLE_ENDIAN);
            fill(big, s, from, n, es);
            writeFully(big.flip(), at);
            start = -1;
            return;
        }
        fill(buffer, s, from, n, es);
    }

    private static void fill(ByteBuffer b, short[] s, int from, int n, int es) {
        if (es == 2) {
            b.asShortBuffer().put(s, from, n);
            b.position(b.position() + 2 * n);
        } else {
            for (int i = 0; i < n; i++) {
                b.put((byte) s[from + i]);
            }
        }
    }

    void flush() throws IOException {
        if (start >= 0 && buffer.position() > 0) {
            buffer.flip();
            writeFully(buffer, start);
        }
        buffer.clear();
        start = -1;
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += out.write(b, at);
        }
    }
}
