package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/**
 * The HDF5 library itself (the JavaCPP preset's build of HDF5 1.14 with its official Java API), loaded once per
 * JVM. jhdf reads well but its writer cannot reproduce big-endian types, variable-length strings, links or filters;
 * the library copies all of these exactly. Every {@code H5} method is synchronized on the class, which is what
 * the library (not thread-safe in this build) needs.
 */
public final class NativeHdf5 {
    private static boolean loaded;

    private NativeHdf5() {}

    /** Loads the library; the Java API otherwise prints an {@code UnsatisfiedLinkError} while finding it. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j"); // its notes go to the log, not to stderr
        }
        Path jni;
        try {
            Loader.load(org.bytedeco.hdf5.global.hdf5.class);
            jni = Path.of(Loader.load(org.bytedeco.hdf5.hdf5_java.class));
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError named = new UnsatisfiedLinkError("no HDF5 natives for platform " + Loader.getPlatform()
                    + " on the classpath (the preset is built for linux-x86_64, macosx-x86_64, windows-x86_64; "
                    + "README \"Which reader runs where\"): " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        System.setProperty("hdf.hdf5lib.H5.loadLibraryName", "");
        System.setProperty(
                "hdf.hdf5lib.H5.hdf5lib",
                jni.resolveSibling(javaApiLibraryName(Loader.getPlatform())).toString());
        H5.H5open();
        loaded = true;
    }

    /**
     * The file name of HDF5's own Java API library (the JNI code behind {@code hdf.hdf5lib.H5}) in the preset's
     * natives for JavaCPP platform {@code platform}, which JavaCPP extracts beside its own wrapper.
     */
    static String javaApiLibraryName(String platform) {
        if (platform.startsWith("windows")) {
            return "hdf5_java.dll";
        }
        return platform.startsWith("macosx") ? "libhdf5_java.dylib" : "libhdf5_java.so";
    }

    /** Whether the library loads on this platform (natives: the root pom's hdf5.native.classifier). */
    public static boolean available() {
        try {
            load();
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** {@code H5P_DEFAULT}, after loading the library (reading HDF5Constants first would load it wrongly). */
    static long defaults() {
        load();
        return HDF5Constants.H5P_DEFAULT;
    }

    /** Closes an identifier of any kind, ignoring one that is not open (cleanup after a failure). */
    static void close(long id) {
        try {
            closeChecked(id);
        } catch (HDF5Exception ignored) {
            // Already closed, or closing fails after an earlier error that is being reported.
        }
    }

    /**
     * Closes an identifier of any kind and reports the library's failure: closing a dataset writes its cached chunks,
     * so on a full disk the close is where samples are lost (issue 17: a restore said "restored" with its flats all
     * zeros because that error was ignored). Use on every path where what was written must be on disk.
     */
    static void closeChecked(long id) {
        if (id < 0) {
            return;
        }
        int type = H5.H5Iget_type(id);
        if (type == HDF5Constants.H5I_FILE) {
            H5.H5Fclose(id);
        } else if (type == HDF5Constants.H5I_GROUP) {
            H5.H5Gclose(id);
        } else if (type == HDF5Constants.H5I_DATASET) {
            H5.H5Dclose(id);
        } else if (type == HDF5Constants.H5I_DATATYPE) {
            H5.H5Tclose(id);
        } else if (type == HDF5Constants.H5I_DATASPACE) {
            H5.H5Sclose(id);
        } else if (type == HDF5Constants.H5I_ATTR) {
            H5.H5Aclose(id);
        } else if (type == HDF5Constants.H5I_GENPROP_LST) {
            H5.H5Pclose(id);
        }
    }

    /** The library's message for {@code e} (its exceptions carry the failing call's description). */
    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.trim();
    }
}
