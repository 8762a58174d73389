package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.source.StackAssertions.assertShape;
import static org.photonzip.source.StackAssertions.assertSubBlocksMatch;
import static org.photonzip.source.StackAssertions.found;
import static org.photonzip.source.StackAssertions.open;
import static org.photonzip.source.StackAssertions.readAll;
import static org.photonzip.source.StackAssertions.value;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The HDF5 reader (InputStack, Hdf5SlabReader) on the shared real datasets; spot values read independently with h5py. */
class Hdf5ReaderTest {
    private static final String K11_IMAGING = "k11-diad/k11-18014/k11-18014-imaging.h5";

    @Test
    void readsK11DetectorFrames() throws IOException {
        try (SlabStackSource s = open(TestData.require(K11_IMAGING), null)) {
            assertShape(s, 3201, 22, 26);
            assertEquals("uint16 /entry/detector/detector", found(s));
            assertEquals("chunked", s.descriptor().layout());
            short[] row = new short[5];
            s.read(100, 1, 0, 1, 0, 5, row);
            assertArrayEquals(
                    new short[] {(short) 33853, (short) 42988, (short) 34093, (short) 39190, (short) 34873}, row);
            assertEquals(45248, value(s, 0, 10, 10));
            assertEquals(107, value(s, 3200, 21, 25));
            short[] all = readAll(s, s.frames());
            assertSubBlocksMatch(s, all, s.frames());
        }
    }

    @Test
    void followsNexusExternalLinkFromMasterFile() throws IOException {
        Path master = TestData.require("k11-diad/k11-18014.nxs");
        TestData.require(K11_IMAGING);
        try (SlabStackSource viaLink = open(master, null);
                SlabStackSource direct = open(TestData.require(K11_IMAGING), null)) {
            assertShape(viaLink, 3201, 22, 26);
            assertTrue(viaLink.descriptor().datasetPath().endsWith("/data"), found(viaLink));
            assertTrue(
                    viaLink.descriptor().file().endsWith("k11-18014-imaging.h5"),
                    viaLink.descriptor().file());
            assertArrayEquals(readAll(direct, direct.frames()), readAll(viaLink, viaLink.frames()));
        }
        try (SlabStackSource s = open(master, "/entry/instrument/imaging/data")) {
            assertEquals(33853, value(s, 100, 0, 0));
        }
    }

    @Test
    void brokenExternalLinkIsReportedAsSuch() {
        Path master = TestData.require("k11-diad/k11-18014.nxs");
        IOException e = assertThrows(IOException.class, () -> open(master, "/entry/EtherCAT/data"));
        assertTrue(
                e.getMessage().contains("/entry/EtherCAT/data")
                        && e.getMessage().contains("k11-18014.nxs"),
                e.getMessage());
    }

    @Test
    void readsPsiGzipShuffleStack() throws IOException {
        try (SlabStackSource s = open(TestData.require("psi-neutron-ct/stack.h5"), null)) {
            assertShape(s, 376, 128, 835);
            assertEquals("uint16 /entry/data/data", found(s));
            assertTrue(
                    s.descriptor().filters().contains("deflate"),
                    s.descriptor().filters().toString());
            assertEquals(1540, value(s, 0, 0, 0));
            assertEquals(1593, value(s, 0, 100, 800));
            short[] first = readAll(s, 4);
            assertSubBlocksMatch(s, first, 4);
        }
        try (SlabStackSource flats = open(TestData.require("psi-neutron-ct/stack.h5"), "/entry/data/flats")) {
            assertShape(flats, 10, 128, 835);
        }
    }

    @Test
    void readsStepWedgeShape() throws IOException {
        try (SlabStackSource s = open(TestData.require("psi-stepwedge/stack.h5"), null)) {
            assertShape(s, 10, 900, 1500);
        }
    }

    @Test
    void floatDatasetIsRejectedNamingFileDatasetAndType() {
        Path tooth = TestData.require("tooth/tooth.h5");
        UnsupportedStackException e = assertThrows(UnsupportedStackException.class, () -> open(tooth, null));
        String m = e.getMessage();
        assertTrue(
                m.contains("tooth.h5")
                        && m.contains("/exchange/data")
                        && m.contains("float32")
                        && m.contains("[181, 2, 640]"),
                m);
    }

    @Test
    void missingDatasetIsNamedWithCandidates() {
        Path psi = TestData.require("psi-neutron-ct/stack.h5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(psi, "/entry/data/nope"));
        String m = e.getMessage();
        assertTrue(m.contains("/entry/data/nope") && m.contains("stack.h5") && m.contains("/entry/data/data"), m);
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class, () -> open(psi, "/entry/data"));
        assertTrue(group.getMessage().contains("is a group"), group.getMessage());
    }

    @Test
    void missingFileIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("no-such-scan.h5");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> open(missing, null));
        assertTrue(e.getMessage().contains("no-such-scan.h5"), e.getMessage());
    }
}
