package org.photonzip.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.source.StackAssertions.assertShape;
import static org.photonzip.source.StackAssertions.assertSubBlocksMatch;
import static org.photonzip.source.StackAssertions.readAll;
import static org.photonzip.source.StackAssertions.value;

/**
 * The TIFF reader on the shared TIFFs (little-endian savu, big-endian psi; spot values read independently with
 * Python tifffile) and on TIFFs written here by javax.imageio (big-endian, several strips, compressed).
 */
class TiffSeriesSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsSavuLittleEndianSeries() throws IOException {
        Path tiffs = TestData.require("savu-i13/tiffs");
        try (TiffSeriesSource s = TiffSeriesSource.open(tiffs.toString())) {
            assertShape(s, 91, 135, 160);
            assertEquals("raw_00000.tiff", s.file(0).getFileName().toString());
            assertEquals("raw_00090.tiff", s.file(90).getFileName().toString());
            short[] row = new short[4];
            s.read(0, 1, 0, 1, 0, 4, row);
            assertArrayEquals(new short[]{0, 19915, 20314, 19982}, row);
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
        try (TiffSeriesSource glob = TiffSeriesSource.open(tiffs.resolve("raw_0001*.tiff").toString())) {
            assertEquals(10, glob.frames());
            assertEquals("raw_00010.tiff", glob.file(0).getFileName().toString());
        }
    }

    @Test
    void psiBigEndianTiffEqualsFirstFrameOfItsHdf5Stack() throws IOException {
        Path tif = TestData.require("psi-neutron-ct/ct5s_00001.tif");
        Path h5 = TestData.require("psi-neutron-ct/stack.h5");
        try (TiffSeriesSource t = TiffSeriesSource.open(tif.toString());
             Hdf5StackSource h = Hdf5StackSource.open(h5, "/entry/data/data")) {
            assertShape(t, 1, 128, 835);
            assertArrayEquals(readAll(h, 1), readAll(t, 1));
            assertSubBlocksMatch(t, readAll(t, 1), 1);
        }
    }

    @Test
    void floatTiffIsRejectedNamingTheFile() {
        Path flat = TestData.require("savu-i13/flat_00001.tiff");
        UnsupportedStackException e = assertThrows(UnsupportedStackException.class,
                () -> TiffSeriesSource.open(flat.toString()));
        assertTrue(e.getMessage().contains("flat_00001.tiff") && e.getMessage().contains("32-bit floating point"),
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
        try (TiffSeriesSource s = TiffSeriesSource.open(dir.toString())) {
            assertShape(s, 3, 301, 47);
            short[] all = readAll(s, 3);
            assertArrayEquals(expected, all);
            assertSubBlocksMatch(s, all, 3);
        }
    }

    @Test
    void framesOfDifferentSizeAreRejectedNamingTheFile() throws IOException {
        write(dir.resolve("a.tif"), 8, 6, new short[48], null);
        write(dir.resolve("b.tif"), 9, 6, new short[54], null);
        UnsupportedStackException e = assertThrows(UnsupportedStackException.class,
                () -> TiffSeriesSource.open(dir.toString()));
        assertTrue(e.getMessage().contains("b.tif") && e.getMessage().contains("9x6"), e.getMessage());
    }

    @Test
    void compressedTiffIsRejected() throws IOException {
        Path packed = dir.resolve("packed.tif");
        write(packed, 8, 6, new short[48], "PackBits");
        UnsupportedStackException e = assertThrows(UnsupportedStackException.class,
                () -> TiffSeriesSource.of("x", List.of(packed)));
        assertTrue(e.getMessage().contains("packed.tif") && e.getMessage().contains("PackBits"), e.getMessage());
    }

    @Test
    void truncatedTiffGivesIoError() throws IOException {
        Path whole = dir.resolve("whole.tif");
        write(whole, 40, 30, new short[1200], null);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.tif"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> {
            try (TiffSeriesSource s = TiffSeriesSource.of("cut", List.of(cut))) {
                readAll(s, 1);
            }
        });
        assertTrue(e.getMessage().contains("cut.tif"), e.getMessage());
    }

    @Test
    void missingOrEmptyLocationsAreNamed() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> TiffSeriesSource.open(dir.resolve("nowhere").toString()));
        assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
                () -> TiffSeriesSource.open(dir.resolve("raw_*.tif").toString()));
        assertTrue(none.getMessage().contains("raw_*.tif"), none.getMessage());
    }

    /** Writes a uint16 grayscale TIFF with javax.imageio: big-endian, strips of about 8 KB. */
    private static void write(Path file, int width, int height, short[] pixels, String compression)
            throws IOException {
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
