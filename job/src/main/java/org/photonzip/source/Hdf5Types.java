package org.photonzip.source;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.util.Arrays;

/** Which HDF5 datasets can be read as a uint16 stack, and how to name their types in messages. */
public final class Hdf5Types {
    private Hdf5Types() {}

    /** numpy-style name of an HDF5 element type: {@code uint16}, {@code int8}, {@code float32}, ... */
    public static String dtypeName(DataType type) {
        if (type instanceof FixedPoint) {
            return (((FixedPoint) type).isSigned() ? "int" : "uint") + type.getSize() * 8;
        }
        if (type instanceof FloatingPoint) {
            return "float" + type.getSize() * 8;
        }
        return type.getClass().getSimpleName();
    }

    /**
     * 8- and 16-bit integers fit uint16; signed ones are accepted here and their values checked as they are read,
     * because detectors sometimes write non-negative counts as int16.
     */
    static boolean isStackElementType(DataType type) {
        return type instanceof FixedPoint && (type.getSize() == 1 || type.getSize() == 2);
    }

    /** True for a 3-D dataset of a type {@link #isStackElementType} accepts. */
    static boolean isStackDataset(Dataset dataset) {
        return dataset.getDimensions().length == 3 && !dataset.isScalar() && isStackElementType(dataset.getDataType());
    }

    /** Why {@code dataset} cannot be read as a stack, or null when it can. */
    public static String unsupportedReason(Dataset dataset) {
        String dtype = dtypeName(dataset.getDataType());
        int[] dims = dataset.getDimensions();
        if (!isStackElementType(dataset.getDataType())) {
            return "dtype " + dtype + " shape " + Arrays.toString(dims)
                    + " is not supported (expected uint16, or uint8/int8/int16 with non-negative values)";
        }
        if (dims.length != 3) {
            return "shape " + Arrays.toString(dims) + " (" + dtype + ") is not 3-D (frames, height, width)";
        }
        for (int d : dims) {
            if (d <= 0) {
                return "shape " + Arrays.toString(dims) + " (" + dtype + ") is empty";
            }
        }
        return null;
    }
}
