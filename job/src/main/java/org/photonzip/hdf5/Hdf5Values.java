package org.photonzip.hdf5;

import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import java.lang.reflect.Array;

/**
 * Converts what jhdf reads back into what its writer writes as the same HDF5 type. jhdf widens unsigned integers
 * on reading (uint8 and uint16 to {@code int}, uint32 to {@code long}); writing those arrays would widen the stored
 * type too, so they are narrowed back to their width and written with the unsigned flag.
 */
final class Hdf5Values {
    /** Data ready for jhdf's writer and whether it must be written as unsigned. */
    record Writable(Object data, boolean unsigned) {}

    private Hdf5Values() {}

    /** The writable form of {@code data} of HDF5 type {@code type}; throws when jhdf cannot write that type. */
    static Writable of(Object data, DataType type) {
        if (data == null) {
            throw new IllegalArgumentException("no data (empty dataset)");
        }
        if (leafType(data) == String.class) {
            return new Writable(data, false); // fixed- or variable-length strings: jhdf writes them back as strings
        }
        if (type instanceof FixedPoint fixed) {
            if (fixed.isSigned()) {
                return new Writable(data, false);
            }
            Class<?> narrow =
                    switch (fixed.getSize()) {
                        case 1 -> byte.class;
                        case 2 -> short.class;
                        case 4 -> int.class;
                        default -> null;
                    };
            if (narrow == null) {
                throw new IllegalArgumentException("uint" + fixed.getSize() * 8 + " is not written by jhdf");
            }
            return new Writable(convert(data, narrow), true);
        }
        if (type instanceof FloatingPoint || type instanceof StringData || type instanceof BitField) {
            return new Writable(data, false);
        }
        throw new IllegalArgumentException("HDF5 type " + type.getClass().getSimpleName() + " is not written by jhdf");
    }

    /** The common case (uint8 / uint16 read back as int): a plain loop, no reflection per element. */
    private static Object narrow(int[] v, Class<?> to) {
        if (to == short.class) {
            short[] out = new short[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (short) v[i];
            }
            return out;
        }
        if (to == byte.class) {
            byte[] out = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (byte) v[i];
            }
            return out;
        }
        return v.clone();
    }

    private static Class<?> leafType(Object data) {
        Class<?> c = data.getClass();
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    /** A copy of {@code value} (a boxed scalar or an array of any rank) with integer leaves of type {@code to}. */
    static Object convert(Object value, Class<?> to) {
        if (!value.getClass().isArray()) {
            long v = ((Number) value).longValue();
            return to == byte.class
                    ? Byte.valueOf((byte) v)
                    : to == short.class ? Short.valueOf((short) v) : Integer.valueOf((int) v);
        }
        if (value instanceof int[] ints) {
            return narrow(ints, to);
        }
        if (value instanceof long[] longs && to == int.class) {
            int[] out = new int[longs.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) longs[i];
            }
            return out;
        }
        Class<?> component = value.getClass().getComponentType();
        int n = Array.getLength(value);
        if (component.isArray()) {
            Object first = n == 0 ? null : convert(Array.get(value, 0), to);
            Object out = Array.newInstance(first == null ? to : first.getClass(), n);
            for (int i = 0; i < n; i++) {
                Array.set(out, i, i == 0 ? first : convert(Array.get(value, i), to));
            }
            return out;
        }
        Object out = Array.newInstance(to, n);
        for (int i = 0; i < n; i++) {
            long v = ((Number) Array.get(value, i)).longValue();
            if (to == byte.class) {
                Array.setByte(out, i, (byte) v);
            } else if (to == short.class) {
                Array.setShort(out, i, (short) v);
            } else {
                Array.setInt(out, i, (int) v);
            }
        }
        return out;
    }
}
