package org.photonzip.source;

/** Receives a stack's samples row run by row run, at absolute stack coordinates. */
@FunctionalInterface
public interface SampleSink {
    /** Samples {@code src[off, off+n)} are frame {@code t}, row {@code y}, columns {@code [x, x+n)}. */
    void row(int t, int y, int x, short[] src, int off, int n);
}
