package org.photonzip.restore;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.photonzip.hdf5.StackLayout;

/** A restore's sink on a disk that fills up: writes fail with ENOSPC's message once {@code capacity} bytes went in. */
final class FullDiskSink implements StackSink {
    private final StackSink sink;
    private final AtomicLong left;
    final AtomicLong written = new AtomicLong();

    FullDiskSink(StackSink sink, long capacity) {
        this.sink = sink;
        this.left = new AtomicLong(capacity);
    }

    private void spend(long bytes) throws IOException {
        if (left.addAndGet(-bytes) < 0) {
            throw new IOException("No space left on device");
        }
        written.addAndGet(bytes);
    }

    @Override
    public List<StackLayout> layouts() {
        return sink.layouts();
    }

    @Override
    public void writeChunk(int stack, long[] offset, int mask, byte[] bytes) throws IOException {
        spend(bytes.length);
        sink.writeChunk(stack, offset, mask, bytes);
    }

    @Override
    public void writeFrames(int stack, int t0, int frames, short[] samples) throws IOException {
        spend(2L * samples.length);
        sink.writeFrames(stack, t0, frames, samples);
    }
}
