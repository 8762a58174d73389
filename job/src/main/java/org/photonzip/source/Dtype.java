package org.photonzip.source;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types a stack may have, by the names summary.json and the readers use (docs/archive-format.md).
 * Every type is coded as uint16 samples; a signed type holds non-negative values only.
 */
public enum Dtype {
    UINT16("uint16", 2, 65535),
    INT16("int16", 2, 32767),
    UINT8("uint8", 1, 255),
    INT8("int8", 1, 127);

    private final String id;
    private final int bytes;
    private final int maxSample;

    Dtype(String id, int bytes, int maxSample) {
        this.id = id;
        this.bytes = bytes;
        this.maxSample = maxSample;
    }

    /** The type named {@code id} ({@code "uint16"} ...). */
    public static Dtype of(String id) {
        for (Dtype d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Invalid dtype " + id + ": expected one of "
                + Arrays.stream(values()).map(Dtype::id).collect(Collectors.joining(", ")));
    }

    /** The name summary.json records. */
    public String id() {
        return id;
    }

    /** Bytes one sample takes in the source. */
    public int bytes() {
        return bytes;
    }

    /** The largest value a sample may hold (a signed type's negative values are refused when read). */
    public int maxSample() {
        return maxSample;
    }

    public boolean signed() {
        return id.startsWith("int");
    }

    @Override
    public String toString() {
        return id;
    }
}
