package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.source.StackAssertions.assertShape;
import static org.photonzip.source.StackAssertions.assertSubBlocksMatch;
import static org.photonzip.source.StackAssertions.readAll;
import static org.photonzip.source.StackAssertions.value;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TIFF reader (InputStack, TiffSlabReader) on the shared TIFFs (little-endian savu, big-endian psi; spot values read independently with
 * Python tifffile) and on TIFFs written here by javax.imageio (big-endian, several strips, compressed).
 */
class TiffReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsSavuLittleEndianSeries() throws IOException {
        Path tiffs = TestData.require("savu-i13/tiffs");
        try (SlabStackSource s = open(tiffs)) {
            assertShape(s, 91, 135, 160);
            assertTrue(
                    s.descriptor().tiffFiles().get(0).endsWith("/raw_00000.tiff"),
                    s.descriptor().tiffFiles().get(0));
            assertTrue(s.descriptor().tiffFiles().get(90).endsWith("/raw_00090.tiff"));
            assertFalse(s.descriptor().bigEndian());
            short[] row = new short[4];
            s.read(0, 1, 0, 1, 0, 4, row);
            assertArrayEquals(new short[] {0, 19915, 20314, 19982}, row);
            assertEquals(21362, value(s, 90, 134, 159));
            assertEquals(6779, value(s, 45, 67, 80));
            short[] all = readAll(s, 91);
            int max = 0;
            for (short v : all) {
                max = Math.max(max, v & 0xFFFF);
            }
            assertEquals(31260, max);
            assertSubBlocksMatch(s, all, 91);
        }
        try (SlabStackSource glob = open(tiffs.resolve("raw_0001*.tiff"))) {
            assertEquals(10, glob.frames());
            assertTrue(glob.descriptor().tiffFiles().get(0).endsWith("/raw_00010.tiff"));
        }
    }

    @Test
    void psiBigEndianTiffEqualsFirstFrameOfItsHdf5Stack() throws IOException {
        Path tif = TestData.require("psi-neutron-ct/ct5s_00001.tif");
        Path h5 = TestData.require("psi-neutron-ct/stack.h5");
        try (SlabStackSource t = open(tif);
                SlabStackSource h = StackAssertions.open(h5, "/entry/data/data")) {
            assertShape(t, 1, 128, 835);
            assertTrue(t.descriptor().bigEndian());
            assertArrayEquals(readAll(h, 1), readAll(t, 1));
            assertSubBlocksMatch(t, readAll(t, 1), 1);
        }
    }

    @Test
    void floatTiffIsRejectedNamingTheFile() {
        Path flat = TestData.require("savu-i13/flat_00001.tiff");
        UnsupportedStackException e = assertThrows(UnsupportedStackException.class, () -> open(flat));
        assertTrue(
                e.getMessage().contains("flat_00001.tiff") && e.getMessage().contains("32-bit floating point"),
                e.getMessage());
    }

    @Test
    void readsImageIoTiffsWithSeveralStrips() throws IOException {
        Random random = new Random(7);
        short[] expected = new short[3 * 301 * 47];
        for (int t = 0; t < 3; t++) {
            short[] frame = new short[301 * 47];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) random.nextInt(65536);
            }
            System.arraycopy(frame, 0, expected, t * frame.length, frame.length);
            write(dir.resolve("f" + t + ".tif"), 47, 301, frame, null);
        }
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        try (SlabStackSource s = open(dir)) {
            assertShape(s, 3, 301, 47);
            short[] all = readAll(s, 3);
            assertArrayEquals(expected, all);
            assertSubBlocksMatch(s, all, 3);
        }
    }

    /**
     * Only the first frame's header is read at open (a series on an object store may hold ten thousand files); each
     * other frame is checked against the series when it is read, before any of its samples is delivered.
     */
    @Test
    void framesOfDifferentSizeAreRejectedNamingTheFile() throws IOException {
        write(dir.resolve("a.tif"), 8, 6, new short[48], null);
        write(dir.resolve("b.tif"), 9, 6, new short[54], null);
        try (SlabStackSource s = open(dir)) {
            assertShape(s, 2, 6, 8);
            assertEquals(0, value(s, 0, 5, 7));
            UnsupportedStackException e = assertThrows(UnsupportedStackException.class, () -> value(s, 1, 0, 0));
            assertTrue(e.getMessage().contains("b.tif") && e.getMessage().contains("9x6"), e.getMessage());
        }
    }

    /** A file the user names is taken by its content whatever its name; in a directory only .tif/.tiff count. */
    @Test
    void namedTiffIsTakenWhateverItsName() throws IOException {
        short[] frame = new short[6 * 8];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) (65535 - i * 977);
        }
        Path tif = dir.resolve("frame.tif");
        write(tif, 8, 6, frame, null);
        Path dat = Files.copy(tif, dir.resolve("frame_0001.dat"));
        try (SlabStackSource s = open(dat)) {
            assertShape(s, 1, 6, 8);
            assertArrayEquals(frame, readAll(s, 1));
        }
        try (SlabStackSource s = open(dir)) {
            assertEquals(1, s.frames());
        }
        assertThrows(IllegalArgumentException.class, () -> StackAssertions.open(tif, "/entry/data/data"));
    }

    @Test
    void compressedTiffIsRejected() throws IOException {
        Path packed = dir.resolve("packed.tif");
        write(packed, 8, 6, new short[48], "PackBits");
        UnsupportedStackException e = assertThrows(UnsupportedStackException.class, () -> open(packed));
        assertTrue(e.getMessage().contains("packed.tif") && e.getMessage().contains("PackBits"), e.getMessage());
    }

    @Test
    void truncatedTiffGivesIoError() throws IOException {
        Path whole = dir.resolve("whole.tif");
        write(whole, 40, 30, new short[1200], null);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.tif"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> {
            try (SlabStackSource s = open(cut)) {
                readAll(s, 1);
            }
        });
        assertTrue(e.getMessage().contains("cut.tif"), e.getMessage());
    }

    @Test
    void missingOrEmptyLocationsAreNamed() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> open(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
        NoSuchFileException none = assertThrows(NoSuchFileException.class, () -> open(dir.resolve("raw_*.tif")));
        assertTrue(none.getMessage().contains("raw_*.tif"), none.getMessage());
    }

    private static SlabStackSource open(Path tiffs) throws IOException {
        return StackAssertions.open(tiffs, null);
    }

    /** Writes a uint16 grayscale TIFF with javax.imageio: big-endian, strips of about 8 KB. */
    private static void write(Path file, int width, int height, short[] pixels, String compression) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        short[] raster = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, raster, 0, pixels.length);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (compression != null) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
        }
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
