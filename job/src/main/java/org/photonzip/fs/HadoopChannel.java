package org.photonzip.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A read-only {@link SeekableByteChannel} over a file on any Hadoop file system, read with positioned reads
 * ({@code FSDataInputStream.read(position, ...)}), so jhdf and the slab readers fetch only the byte ranges they
 * ask for. Small reads (HDF5 object headers, B-tree nodes, TIFF directories) go through a small cache of
 * {@value #BLOCK}-byte blocks, so parsing a file's metadata costs a few requests instead of hundreds; large reads
 * go straight to storage; a file of at most {@value #WHOLE_FILE} bytes is fetched once, whole. Every byte fetched from storage is counted in {@link #bytesRead()} and in the optional
 * shared counter: that is the numerator of read amplification.
 */
public final class HadoopChannel implements SeekableByteChannel {
    static final int BLOCK = 8 << 10;
    private static final int CACHED_BLOCKS = 64;
    /** Files up to this size are fetched whole on first access (a single TIFF frame, a small HDF5 file). */
    static final int WHOLE_FILE = 256 << 10;

    private final String name;
    private final FSDataInputStream in;
    private final long size;
    private final LongAdder shared;
    private byte[] whole;
    private final long[] cachedAt = new long[CACHED_BLOCKS];
    private final byte[][] cached = new byte[CACHED_BLOCKS][];
    private final int[] cachedLength = new int[CACHED_BLOCKS];
    private int nextVictim;
    private long position;
    private long bytesRead;
    private boolean open = true;

    private HadoopChannel(String name, FSDataInputStream in, long size, LongAdder shared) {
        this.name = name;
        this.in = in;
        this.size = size;
        this.shared = shared;
        java.util.Arrays.fill(cachedAt, -1);
    }

    /** Opens {@code path}; {@code counter} (may be null) is incremented by every byte fetched from storage. */
    public static HadoopChannel open(Path path, Configuration conf, LongAdder counter) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        long size = fs.getFileStatus(path).getLen();
        return new HadoopChannel(path.toString(), fs.open(path), size, counter);
    }

    /** Bytes fetched from storage through this channel. */
    public long bytesRead() {
        return bytesRead;
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), size - position);
        if (n == 0) {
            return 0;
        }
        if (size <= WHOLE_FILE) {
            dst.put(whole(), (int) position, n);
        } else if (n >= BLOCK) {
            readDirect(position, dst, n);
        } else {
            readCached(position, dst, n);
        }
        position += n;
        return n;
    }

    /** Reads exactly {@code length} bytes at {@code at} into {@code dst[offset..]}, straight from storage. */
    public synchronized void readFully(long at, byte[] dst, int offset, int length) throws IOException {
        checkOpen();
        if (at < 0 || at + length > size) {
            throw new EOFException("Cannot read " + name + " bytes [" + at + ", " + (at + length) + "): the file has "
                    + size + " bytes (truncated?)");
        }
        if (size <= WHOLE_FILE) {
            System.arraycopy(whole(), (int) at, dst, offset, length);
            return;
        }
        in.readFully(at, dst, offset, length);
        count(length);
    }

    private byte[] whole() throws IOException {
        if (whole == null) {
            byte[] all = new byte[(int) size];
            in.readFully(0, all, 0, all.length);
            count(all.length);
            whole = all;
        }
        return whole;
    }

    private void readDirect(long at, ByteBuffer dst, int n) throws IOException {
        if (dst.hasArray()) {
            readFully(at, dst.array(), dst.arrayOffset() + dst.position(), n);
            dst.position(dst.position() + n);
        } else {
            byte[] tmp = new byte[n];
            readFully(at, tmp, 0, n);
            dst.put(tmp);
        }
    }

    private void readCached(long at, ByteBuffer dst, int n) throws IOException {
        long end = at + n;
        while (at < end) {
            long blockStart = at - at % BLOCK;
            int slot = block(blockStart);
            int from = (int) (at - blockStart);
            int take = (int) Math.min(end - at, cachedLength[slot] - from);
            if (take <= 0) {
                throw new EOFException("Cannot read " + name + " at " + at + ": past its end (" + size + " bytes)");
            }
            dst.put(cached[slot], from, take);
            at += take;
        }
    }

    private int block(long blockStart) throws IOException {
        for (int i = 0; i < CACHED_BLOCKS; i++) {
            if (cachedAt[i] == blockStart) {
                return i;
            }
        }
        int slot = nextVictim;
        nextVictim = (nextVictim + 1) % CACHED_BLOCKS;
        int length = (int) Math.min(BLOCK, size - blockStart);
        if (cached[slot] == null) {
            cached[slot] = new byte[BLOCK];
        }
        cachedAt[slot] = -1;
        in.readFully(blockStart, cached[slot], 0, length);
        count(length);
        cachedAt[slot] = blockStart;
        cachedLength[slot] = length;
        return slot;
    }

    private void count(long n) {
        bytesRead += n;
        if (shared != null) {
            shared.add(n);
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("Invalid position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() throws IOException {
        if (open) {
            open = false;
            in.close();
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
