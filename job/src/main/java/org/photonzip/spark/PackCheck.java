package org.photonzip.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What checking one pack's tiles found: counts, a message per failed tile, and the largest |restored − source|
 * of its error-bounded tiles (0 when lossless or not compared with the source).
 */
public record PackCheck(long tiles, long samples, long compressedBytes, List<String> failures, int maxError)
        implements Serializable {}
