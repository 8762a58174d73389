package org.photonzip.spark;

import java.io.Serializable;

/**
 * Bits each frame of one tile cost, sent from the executors for the archive's per-frame statistics. A tile is
 * identified by its corner; a retried task resends identical values (encoding is deterministic), which the
 * driver keeps once.
 */
record FrameBits(int t0, int y0, int x0, int pixelsPerFrame, float[] bits) implements Serializable {}
