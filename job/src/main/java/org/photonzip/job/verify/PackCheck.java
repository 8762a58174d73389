package org.photonzip.job.verify;

import java.io.Serializable;
import java.util.List;

/** What checking one pack's tiles found: counts, and a message per failed tile. */
public record PackCheck(long tiles, long samples, long compressedBytes, List<String> failures) implements Serializable {
}
