package org.photonzip.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** HDF5's Java API library is found by the name each platform's preset jar gives it (it was libhdf5_java.so on all). */
class NativeHdf5Test {
    @Test
    void namesTheJavaApiLibraryAsEachPlatformsJarDoes() {
        // As hdf5-1.14.3-1.5.10-PLATFORM.jar names it under org/bytedeco/hdf5/PLATFORM/
        assertEquals("libhdf5_java.so", NativeHdf5.javaApiLibraryName("linux-x86_64"));
        assertEquals("libhdf5_java.dylib", NativeHdf5.javaApiLibraryName("macosx-x86_64"));
        assertEquals("hdf5_java.dll", NativeHdf5.javaApiLibraryName("windows-x86_64"));
    }

    @Test
    void loadsTheJavaApiLibraryFromTheRunningPlatformsNatives() {
        String platform = Loader.getPlatform();
        assertNotNull(
                NativeHdf5.class.getResource(
                        "/org/bytedeco/hdf5/" + platform + "/" + NativeHdf5.javaApiLibraryName(platform)),
                "the preset's natives for " + platform + " hold the named library");
        NativeHdf5.load();
        Path library = Path.of(System.getProperty("hdf.hdf5lib.H5.hdf5lib"));
        assertEquals(
                NativeHdf5.javaApiLibraryName(platform), library.getFileName().toString());
        assertTrue(Files.isRegularFile(library), library + " extracted");
    }
}
