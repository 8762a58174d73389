package org.photonzip.restore;

import java.io.IOException;
import java.util.List;
import org.photonzip.hdf5.RestoredFile;
import org.photonzip.hdf5.StackLayout;

/** Where a restore puts the stack's samples: the restored file's stack datasets. Tests wrap it to fill the disk. */
interface StackSink {
    /** Each stack dataset's storage; the index is the {@code stack} argument of the writes. */
    List<StackLayout> layouts();

    /** One finished chunk, its filters applied but those in {@code mask}. */
    void writeChunk(int stack, long[] offset, int mask, byte[] bytes) throws IOException;

    /** Whole frames through the library, which converts and filters them. */
    void writeFrames(int stack, int t0, int frames, short[] samples) throws IOException;

    static StackSink of(RestoredFile file) {
        List<StackLayout> layouts = file.layouts();
        return new StackSink() {
            @Override
            public List<StackLayout> layouts() {
                return layouts;
            }

            @Override
            public void writeChunk(int stack, long[] offset, int mask, byte[] bytes) {
                file.writeChunk(stack, offset, mask, bytes);
            }

            @Override
            public void writeFrames(int stack, int t0, int frames, short[] samples) {
                file.writeFrames(stack, t0, frames, samples);
            }
        };
    }
}
