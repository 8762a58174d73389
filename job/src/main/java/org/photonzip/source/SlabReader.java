package org.photonzip.source;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;

/** Reads blocks of a stack from its storage on an executor, fetching only the byte ranges a block needs. */
public interface SlabReader extends Closeable {

    /** Delivers frames {@code [t0, t0+nt)}, rows {@code [y0, y0+h)}, columns {@code [x0, x0+w)} to {@code sink}. */
    void read(int t0, int nt, int y0, int h, int x0, int w, SampleSink sink) throws IOException;

    /**
     * Opens the stack {@code stack} describes; every byte fetched from storage is added to {@code bytesRead}
     * (may be null).
     */
    static SlabReader open(StackDescriptor stack, Configuration conf, LongAdder bytesRead) throws IOException {
        return stack.kind() == StackDescriptor.Kind.TIFF
                ? new TiffSlabReader(stack, conf, bytesRead)
                : Hdf5SlabReader.open(stack, conf, bytesRead);
    }
}
