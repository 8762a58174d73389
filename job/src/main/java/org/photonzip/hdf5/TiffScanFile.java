package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A TIFF series with its flat and dark fields and angles as one NeXus file, written with the HDF5 library so that
 * the capture ({@link NativeCapture}) takes it as it takes any NeXus input: the stack becomes its placeholder and
 * the uint16 fields are coded into the metadata sample stream. The stack dataset {@value #STACK} is created with
 * no storage (the tile streams hold its samples); {@code data_white}, {@code data_dark} (n x H x W, the fields'
 * own type) and {@code rotation_angle} (degrees, float64) lie beside it, each with the names of the files it came
 * from in a {@code source_files} attribute.
 */
public final class TiffScanFile implements AutoCloseable {
    public static final String STACK = "/entry/data/data";
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private final long file;
    private final long data;
    private final int height;
    private final int width;

    /** Creates {@code path} holding the stack's unwritten dataset ({@code frames} x H x W uint16) and frame names. */
    public TiffScanFile(Path path, int frames, int height, int width, List<String> frameNames) {
        this.height = height;
        this.width = width;
        file = H5.H5Fcreate(path.toString(), HDF5Constants.H5F_ACC_TRUNC, P, P);
        long entry = -1, d = -1;
        try {
            entry = H5.H5Gcreate(file, "entry", P, P, P);
            NativeAttributes.putString(entry, "NX_class", "NXentry");
            NativeAttributes.putString(entry, "default", "data");
            d = H5.H5Gcreate(entry, "data", P, P, P);
            NativeAttributes.putString(d, "NX_class", "NXdata");
            NativeAttributes.putString(d, "signal", "data");
            long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
            long space = H5.H5Screate_simple(3, new long[] {frames, height, width}, null);
            try {
                H5.H5Pset_chunk(dcpl, 3, new long[] {1, height, width});
                H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_INCR);
                H5.H5Pset_fill_time(dcpl, HDF5Constants.H5D_FILL_TIME_NEVER);
                NativeHdf5.close(H5.H5Dcreate(d, "data", HDF5Constants.H5T_STD_U16LE, space, P, dcpl, P));
            } finally {
                NativeHdf5.close(space);
                NativeHdf5.close(dcpl);
            }
            strings(d, "source_files", frameNames);
        } catch (RuntimeException e) {
            NativeHdf5.close(d);
            NativeHdf5.close(entry);
            NativeHdf5.close(file);
            throw e;
        }
        NativeHdf5.close(entry);
        this.data = d;
    }

    /** {@code name} ({@code data_white}, {@code data_dark}): n x H x W uint16 fields. */
    public void putUint16(String name, short[] samples, List<String> sourceFiles) {
        write(name, HDF5Constants.H5T_STD_U16LE, HDF5Constants.H5T_NATIVE_USHORT, samples.length, samples, sourceFiles);
    }

    /** {@code name}: n x H x W float32 fields. */
    public void putFloat32(String name, float[] samples, List<String> sourceFiles) {
        write(name, HDF5Constants.H5T_IEEE_F32LE, HDF5Constants.H5T_NATIVE_FLOAT, samples.length, samples, sourceFiles);
    }

    /** {@code rotation_angle}: the angles in degrees as given. */
    public void putAngles(double[] degrees, String sourceFile) {
        long space = H5.H5Screate_simple(1, new long[] {degrees.length}, null);
        long ds = -1;
        try {
            ds = H5.H5Dcreate(data, "rotation_angle", HDF5Constants.H5T_IEEE_F64LE, space, P, P, P);
            H5.H5Dwrite(ds, HDF5Constants.H5T_NATIVE_DOUBLE, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P, degrees);
            NativeAttributes.putString(ds, "units", "degree");
            NativeAttributes.putString(ds, "source_files", sourceFile);
        } finally {
            NativeHdf5.close(ds);
            NativeHdf5.close(space);
        }
    }

    private void write(
            String name, long fileType, long memoryType, int samples, Object values, List<String> sourceFiles) {
        long frame = (long) height * width;
        long space = H5.H5Screate_simple(3, new long[] {samples / frame, height, width}, null);
        long ds = -1;
        try {
            ds = H5.H5Dcreate(data, name, fileType, space, P, P, P);
            H5.H5Dwrite(ds, memoryType, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P, values);
            NativeAttributes.putString(ds, "source_files", String.join("\n", sourceFiles));
        } finally {
            NativeHdf5.close(ds);
            NativeHdf5.close(space);
        }
    }

    /** A 1-D fixed-length UTF-8 string dataset. */
    private static void strings(long group, String name, List<String> values) {
        int size = 1;
        for (String v : values) {
            size = Math.max(size, v.getBytes(StandardCharsets.UTF_8).length);
        }
        byte[] packed = new byte[size * values.size()];
        for (int i = 0; i < values.size(); i++) {
            byte[] b = values.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, packed, i * size, b.length);
        }
        long type = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        long space = -1, ds = -1;
        try {
            H5.H5Tset_size(type, size);
            H5.H5Tset_cset(type, HDF5Constants.H5T_CSET_UTF8);
            space = H5.H5Screate_simple(1, new long[] {values.size()}, null);
            ds = H5.H5Dcreate(group, name, type, space, P, P, P);
            H5.H5Dwrite(ds, type, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P, packed);
        } finally {
            NativeHdf5.close(ds);
            NativeHdf5.close(space);
            NativeHdf5.close(type);
        }
    }

    @Override
    public void close() {
        NativeHdf5.close(data);
        H5.H5Fclose(file);
    }
}
