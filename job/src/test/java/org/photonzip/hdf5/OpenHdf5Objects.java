package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;

/**
 * How many HDF5 files, datasets, groups and attributes this JVM still has open. A file the library could not close
 * (its metadata unflushable on a full disk) stays in its cache, and terminating the library at process exit then
 * crashes: tests of failing writes check that nothing is left open.
 */
public final class OpenHdf5Objects {
    private OpenHdf5Objects() {}

    public static long count() {
        NativeHdf5.load();
        return H5.H5Fget_obj_count(
                HDF5Constants.H5F_OBJ_ALL,
                HDF5Constants.H5F_OBJ_FILE
                        | HDF5Constants.H5F_OBJ_DATASET
                        | HDF5Constants.H5F_OBJ_GROUP
                        | HDF5Constants.H5F_OBJ_ATTR); // not datatypes: the C++ API keeps ~200 open
    }

    /**
     * Closes every file still open (after a test has given the full disk room again), so that a leak one test
     * provoked on purpose does not crash the test JVM at exit; the count says whether there was one.
     */
    public static long closeFiles() {
        NativeHdf5.load();
        int n = (int) H5.H5Fget_obj_count(HDF5Constants.H5F_OBJ_ALL, HDF5Constants.H5F_OBJ_FILE);
        long[] ids = new long[Math.max(n, 1)];
        int found = (int) H5.H5Fget_obj_ids(HDF5Constants.H5F_OBJ_ALL, HDF5Constants.H5F_OBJ_FILE, n, ids);
        for (int i = 0; i < found; i++) {
            try {
                H5.H5Fclose(ids[i]);
            } catch (RuntimeException e) {
                // reported by count() afterwards
            }
        }
        return found;
    }
}
