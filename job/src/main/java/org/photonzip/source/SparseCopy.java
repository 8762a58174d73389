package org.photonzip.source;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A local copy of a file of {@code length} bytes with the byte ranges {@code holes} left out: a sparse file of the
 * same length whose holes read as zeros and take no disk, every other byte read once with positioned reads.
 */
final class SparseCopy {
    private static final int BUFFER = 8 << 20;

    private SparseCopy() {}

    /** Copies {@code in} (of {@code length} bytes) but for the sorted, disjoint {@code holes}; the bytes copied. */
    static long copy(FSDataInputStream in, long length, long[][] holes, Path local) throws IOException {
        Files.createDirectories(local.getParent());
        long copied = 0;
        try (RandomAccessFile file = new RandomAccessFile(local.toFile(), "rw")) {
            file.setLength(length);
            FileChannel out = file.getChannel();
            byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER, length))];
            long at = 0;
            for (long[] h : holes) {
                copied += range(in, out, at, Math.min(h[0], length), buffer);
                at = Math.max(at, Math.min(h[1], length));
            }
            copied += range(in, out, at, length, buffer);
        }
        return copied;
    }

    private static long range(FSDataInputStream in, FileChannel out, long from, long to, byte[] buffer)
            throws IOException {
        for (long at = from; at < to; ) {
            int n = (int) Math.min(buffer.length, to - at);
            in.readFully(at, buffer, 0, n);
            ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
            while (b.hasRemaining()) {
                out.write(b, at + b.position());
            }
            at += n;
        }
        return Math.max(0, to - from);
    }
}
