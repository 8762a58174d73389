package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.hdf5.NativeHdf5;
import org.photonzip.hdf5.OpenHdf5Objects;
import org.photonzip.hdf5.StoredElsewhere;

/**
 * Sources whose datasets keep their samples in other files (external raw storage, virtual datasets). A stack stored
 * so is refused as unsupported, naming the dataset and its layout (it was "Failed to load children of group"); any
 * other such dataset is captured by value, so metadata.h5 (and the restored file) never points at another file.
 */
@Tag("slow")
class StoredElsewhereSourceTest extends CommandTest {
    private static final short[] VALUES = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};

    @TempDir
    Path dir;

    /** H5P_DEFAULT, read only after the library is loaded (HDF5Constants would otherwise load it wrongly). */
    private static long p() {
        NativeHdf5.load();
        return HDF5Constants.H5P_DEFAULT;
    }

    private Path generate() {
        Path s = dir.resolve("s.h5");
        assertEquals(
                0,
                run(
                        "generate",
                        s.toString(),
                        "--frames",
                        "4",
                        "--height",
                        "32",
                        "--width",
                        "32",
                        "--flats",
                        "0",
                        "--darks",
                        "0"),
                err.toString());
        return s;
    }

    @Test
    void aStackInExternalRawStorageOrVirtualIsRefusedAsUnsupported() throws IOException {
        Path s = generate();
        Path raw = dir.resolve("frames.bin");
        Files.write(raw, new byte[4 * 32 * 32 * 2]);
        Path external = dir.resolve("external.h5");
        Path virtual = dir.resolve("virtual.h5");
        NativeHdf5.load();
        long dims = 4L * 32 * 32;
        try (Writer w = new Writer(external)) {
            long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
            H5.H5Pset_external(dcpl, raw.toString(), 0, dims * 2);
            w.dataset("/entry/data/data", new long[] {4, 32, 32}, dcpl);
        }
        try (Writer w = new Writer(virtual)) {
            long space = H5.H5Screate_simple(3, new long[] {4, 32, 32}, null);
            long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
            H5.H5Pset_virtual(dcpl, space, s.toString(), "/entry/data/data", space);
            H5.H5Sclose(space);
            w.dataset("/entry/data/data", new long[] {4, 32, 32}, dcpl);
        }
        for (Path input : new Path[] {external, virtual}) {
            int code = run(
                    "compress",
                    input.toString(),
                    dir.resolve(input.getFileName() + ".pz").toString(),
                    "--dataset",
                    "/entry/data/data");
            assertNotEquals(0, code);
            String m = err.toString();
            assertTrue(
                    m.contains("Unsupported dataset")
                            && m.contains("/entry/data/data")
                            && m.contains(input == external ? "external raw storage" : "virtual"),
                    m);
            assertTrue(!m.contains("Failed to load children"), m);
        }
        assertEquals(0, OpenHdf5Objects.count());
    }

    @Test
    void otherDatasetsStoredElsewhereAreCapturedAsValues() throws IOException {
        Path s = generate();
        Path input = Files.copy(s, dir.resolve("in.h5"), StandardCopyOption.REPLACE_EXISTING);
        Path raw = dir.resolve("values.bin");
        ByteBuffer b = ByteBuffer.allocate(VALUES.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(VALUES);
        Files.write(raw, b.array());
        Path other = dir.resolve("other.h5");
        NativeHdf5.load();
        try (Writer w = new Writer(other)) {
            long ds = w.dataset("/values", new long[] {VALUES.length}, H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE));
            H5.H5Dwrite_short(
                    ds, HDF5Constants.H5T_NATIVE_UINT16, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, p(), VALUES);
        }
        try (Writer w = new Writer(input, true)) {
            long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
            H5.H5Pset_external(dcpl, raw.toString(), 0, VALUES.length * 2);
            w.dataset("/instrument/external", new long[] {VALUES.length}, dcpl);
            long space = H5.H5Screate_simple(1, new long[] {VALUES.length}, null);
            long vcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
            H5.H5Pset_virtual(vcpl, space, other.toString(), "/values", space);
            H5.H5Sclose(space);
            w.dataset("/instrument/virtual", new long[] {VALUES.length}, vcpl);
        }
        Path archive = dir.resolve("a.pz");
        assertEquals(
                0,
                run("compress", input.toString(), archive.toString(), "--dataset", "/entry/data/data"),
                err.toString());
        Path restored = dir.resolve("out.h5");
        assertEquals(0, run("decompress", archive.toString(), restored.toString()), err.toString());
        Files.delete(raw); // neither file may still be needed: the values are in the archive
        Files.delete(other);
        for (Path f : new Path[] {archive.resolve(ArchiveLayout.METADATA), restored}) {
            for (String path : new String[] {"/instrument/external", "/instrument/virtual"}) {
                long file = H5.H5Fopen(f.toString(), HDF5Constants.H5F_ACC_RDONLY, p());
                long ds = H5.H5Dopen(file, path, p());
                try {
                    assertNull(StoredElsewhere.describe(ds), f + ":" + path);
                    short[] read = new short[VALUES.length];
                    H5.H5Dread_short(
                            ds,
                            HDF5Constants.H5T_NATIVE_UINT16,
                            HDF5Constants.H5S_ALL,
                            HDF5Constants.H5S_ALL,
                            p(),
                            read);
                    assertArrayEquals(VALUES, read, f + ":" + path);
                } finally {
                    H5.H5Dclose(ds);
                    H5.H5Fclose(file);
                }
            }
        }
        assertEquals(0, OpenHdf5Objects.count());
    }

    /** A file being written with the library: creates or opens it, and the groups of each dataset's path. */
    private static final class Writer implements AutoCloseable {
        private final long file;
        private final java.util.List<Long> open = new java.util.ArrayList<>();

        Writer(Path path) {
            this(path, false);
        }

        Writer(Path path, boolean existing) {
            file = existing
                    ? H5.H5Fopen(path.toString(), HDF5Constants.H5F_ACC_RDWR, p())
                    : H5.H5Fcreate(path.toString(), HDF5Constants.H5F_ACC_TRUNC, p(), p());
        }

        long dataset(String path, long[] dims, long dcpl) {
            long lcpl = H5.H5Pcreate(HDF5Constants.H5P_LINK_CREATE);
            H5.H5Pset_create_intermediate_group(lcpl, true);
            long space = H5.H5Screate_simple(dims.length, dims, null);
            long ds = H5.H5Dcreate(file, path, HDF5Constants.H5T_STD_U16LE, space, lcpl, dcpl, p());
            H5.H5Sclose(space);
            H5.H5Pclose(lcpl);
            H5.H5Pclose(dcpl);
            open.add(ds);
            return ds;
        }

        @Override
        public void close() {
            for (long ds : open) {
                H5.H5Dclose(ds);
            }
            H5.H5Fclose(file);
        }
    }
}
