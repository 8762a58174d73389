package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileCheckException;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.hdf5.NativeHdf5;
import org.photonzip.hdf5.OpenHdf5Objects;
import org.photonzip.hdf5.TileStreamFilter;
import org.photonzip.plan.TileShape;
import org.photonzip.spark.H5py;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * {@code export}: the stack's chunks are the archive's tile streams byte for byte (read back raw through the
 * library), with filter 305 and its client data; everything else (metadata, coded flats, attributes) is what a
 * decompress of the same archive holds, as h5py sees it (exportcheck.py), and the stack's values are the restored
 * ones where h5py finds the photonzip plugin, else reading them fails naming the filter. A damaged or misplaced
 * stream (and, with decode, a forged pixel hash), an existing output and 8-bit stacks are refused with nothing
 * written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ExportTest {
    private static final String STACK = "/entry/data/data";
    private static final Path GOLDEN = Path.of("src/test/resources/golden-archives");

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, OpenHdf5Objects.count(), "HDF5 objects left open");
    }

    @Test
    void generatedArchiveWithCodedFlatsExportsAsDecompressRestoresIt(@TempDir Path dir) throws IOException {
        Path source = JobFixtures.writeStack(dir.resolve("src.h5"), 11, 40, 60, "uint16", null, 3);
        String archive = dir.resolve("a.pz").toString();
        JobFixtures.compress(spark, source.toString(), STACK, archive, TileShape.parse("4x16x24"), false, false, 0);
        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        assertFalse(reader.summary().codedDatasets().isEmpty(), "the flats are coded (metadata-samples.pz)");

        Path exported = dir.resolve("out/exported.h5");
        Files.createDirectories(exported.getParent());
        Exporter.Result r = Exporter.export(reader, exported.toString(), false, 3, true);
        TileRow first = reader.rows().stream()
                .filter(t -> t.t0() == 0 && t.y0() == 0 && t.x0() == 0)
                .findFirst()
                .orElseThrow();
        assertArrayEquals(new int[] {first.frames(), first.height(), first.width()}, r.chunk());
        assertTrue(
                reader.rows().stream()
                        .anyMatch(t -> t.frames() < first.frames()
                                || t.height() < first.height()
                                || t.width() < first.width()),
                "edge tiles are smaller: " + reader.rows());
        assertEquals(reader.rows().size(), r.tiles());
        assertChunksAreStreams(reader, exported, r.chunk());
        assertSameAsDecompress(reader, exported, dir, r.chunk());
        try (Stream<Path> left = Files.list(exported.getParent())) {
            assertEquals(List.of(exported), left.toList(), "no working directory left beside the output");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v2/classical",
                "v2/learned",
                "v2/lattice",
                "v2/one-frame",
                "v2/one-pixel-frames",
                "v2/many-tiles",
                "v1/classical",
                "v1/many-tiles"
            })
    void goldenArchivesExport(String name, @TempDir Path dir) throws IOException {
        ArchiveReader reader = ArchiveReader.open(GOLDEN.resolve(name + ".pz").toString(), new Configuration());
        Path exported = dir.resolve("exported.h5");
        Exporter.Result r = Exporter.export(reader, exported.toString(), false, 2, false);
        assertChunksAreStreams(reader, exported, r.chunk());
        assertSameAsDecompress(reader, exported, dir, r.chunk());
    }

    @Test
    void existingOutputIsKeptWithoutOverwriteAndReplacedWithIt(@TempDir Path dir) throws IOException {
        ArchiveReader reader =
                ArchiveReader.open(GOLDEN.resolve("v2/classical.pz").toString(), new Configuration());
        Path out = dir.resolve("out.h5");
        Files.writeString(out, "keep me");
        assertThrows(FileAlreadyExistsException.class, () -> Exporter.export(reader, out.toString(), false, 2, false));
        assertEquals("keep me", Files.readString(out));
        Exporter.export(reader, out.toString(), true, 2, true);
        assertChunksAreStreams(reader, out, new int[] {4, 16, 16});
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDamagedTileWritesNothing(boolean decode, @TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.pz");
        ArchiveDamage.copy(GOLDEN.resolve("v2/classical.pz"), a);
        TileRow last = ArchiveDamage.rows(a).get(7);
        ArchiveDamage.flipBit(a.resolve("packs").resolve(last.pack()), (last.offset() + last.length() - 3) * 8);
        assertRefused(a, decode, "crc32c");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void twoStreamsExchangedAreRefusedByTheirIdentity(boolean decode, @TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.pz");
        ArchiveDamage.copy(GOLDEN.resolve("v2/classical.pz"), a);
        ArchiveDamage.rewriteRows(a, rows -> {
            TileRow r0 = rows.get(0), r1 = rows.get(1);
            rows.set(0, ArchiveDamage.with(r0, r1.t0(), r1.y0(), r1.x0(), r0.offset(), r0.length()));
            rows.set(1, ArchiveDamage.with(r1, r0.t0(), r0.y0(), r0.x0(), r1.offset(), r1.length()));
            return rows;
        });
        assertRefused(a, decode, "first column x0");
    }

    /** A lossless archive whose summary claims a bound (re-stated): its streams' mode is refused, decode or not. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStreamOfAnotherModeThanTheArchiveIsRefused(boolean decode, @TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.pz");
        ArchiveDamage.copy(GOLDEN.resolve("v2/classical.pz"), a);
        ArchiveDamage.editSummary(a, s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("codec"))
                .putObject("error_bound")
                .put("lossy", true)
                .put("mode", "absolute")
                .put("bound", 4));
        assertRefused(a, decode, "field codec.error_bound");
    }

    /** A manifest whose pixel hash was forged (and re-stated): only a decode can tell. */
    @Test
    void aForgedPixelHashIsCaughtByDecode(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.pz");
        ArchiveDamage.copy(GOLDEN.resolve("v2/classical.pz"), a);
        ArchiveDamage.rewriteRows(a, rows -> {
            TileRow r = rows.get(2);
            rows.set(
                    2,
                    new TileRow(
                            r.dataset(),
                            r.t0(),
                            r.frames(),
                            r.y0(),
                            r.height(),
                            r.x0(),
                            r.width(),
                            r.pack(),
                            r.offset(),
                            r.length(),
                            r.crc32c(),
                            "0".repeat(64),
                            r.bitsPerPixel(),
                            r.modelId()));
            return rows;
        });
        assertRefused(a, true, "pixel_sha256");
    }

    private static void assertRefused(Path archive, boolean decode, String field) throws IOException {
        ArchiveReader reader = ArchiveReader.open(archive.toString(), new Configuration());
        Path out = archive.resolveSibling("out");
        Files.createDirectories(out);
        TileCheckException e = assertThrows(
                TileCheckException.class,
                () -> Exporter.export(reader, out.resolve("x.h5").toString(), false, 2, decode));
        assertTrue(e.getMessage().contains(field), e.getMessage());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "nothing written");
        }
    }

    @Test
    void eightBitStacksAreRefused(@TempDir Path dir) throws IOException {
        Path source = JobFixtures.writeStack(dir.resolve("u8.h5"), 4, 16, 16, "uint8", null, 4);
        String archive = dir.resolve("u8.pz").toString();
        JobFixtures.compress(spark, source.toString(), STACK, archive, TileShape.parse("2x16x16"), false, false, 0);
        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        NotExportableException e = assertThrows(
                NotExportableException.class,
                () -> Exporter.export(reader, dir.resolve("x.h5").toString(), false, 2, false));
        assertTrue(e.getMessage().contains("uint8"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.h5")));
    }

    /** Every chunk, read raw (no filter applied), is its tile's stream as stored in the pack; one chunk per tile. */
    static void assertChunksAreStreams(ArchiveReader reader, Path exported, int[] chunk) throws IOException {
        NativeHdf5.load();
        long p = HDF5Constants.H5P_DEFAULT;
        long file = H5.H5Fopen(exported.toString(), HDF5Constants.H5F_ACC_RDONLY, p);
        long ds = H5.H5Dopen(file, reader.summary().datasetPath(), p);
        long dcpl = H5.H5Dget_create_plist(ds);
        try {
            long[] c = new long[3];
            H5.H5Pget_chunk(dcpl, 3, c);
            assertArrayEquals(new long[] {chunk[0], chunk[1], chunk[2]}, c);
            assertEquals(1, H5.H5Pget_nfilters(dcpl));
            int[] flags = new int[1];
            long[] count = {4};
            int[] values = new int[4];
            int id = H5.H5Pget_filter(dcpl, 0, flags, count, values, 120, new String[1], new int[1]);
            if (count[0] > values.length) { // the library said how many there are: read them all
                values = new int[(int) count[0]];
                H5.H5Pget_filter(dcpl, 0, flags, count, values, 120, new String[1], new int[1]);
            }
            assertEquals(305, id);
            ModelFile model = reader.compressor().model();
            assertArrayEquals(
                    TileStreamFilter.values(chunk, model == null ? null : model.toBytes()),
                    java.util.Arrays.copyOf(values, (int) count[0]),
                    "{1, chunk, model length and bytes}");
            assertEquals(model == null ? 4 : 5 + (model.toBytes().length + 3) / 4, count[0]);
            long[] n = new long[1];
            assertTrue(hdf5.H5Dget_num_chunks(ds, HDF5Constants.H5S_ALL, n) >= 0);
            assertEquals(reader.rows().size(), n[0]);
            for (TileRow row : reader.rows()) {
                long[] origin = {row.t0(), row.y0(), row.x0()};
                long[] size = new long[1];
                assertTrue(hdf5.H5Dget_chunk_storage_size(ds, origin, size) >= 0);
                assertEquals(row.length(), size[0], row.position());
                byte[] chunkBytes = new byte[(int) size[0]];
                int[] mask = new int[1];
                try (BytePointer b = new BytePointer(size[0])) {
                    assertTrue(hdf5.H5Dread_chunk(ds, p, origin, mask, b) >= 0);
                    b.get(chunkBytes);
                }
                assertEquals(0, mask[0], "no filter skipped");
                assertArrayEquals(packBytes(reader, row), chunkBytes, row.position());
            }
        } finally {
            H5.H5Pclose(dcpl);
            H5.H5Dclose(ds);
            H5.H5Fclose(file);
        }
    }

    private static byte[] packBytes(ArchiveReader reader, TileRow row) throws IOException {
        Path pack = Path.of(reader.root().toUri()).resolve("packs").resolve(row.pack());
        try (FileChannel ch = FileChannel.open(pack)) {
            ByteBuffer b = ByteBuffer.allocate((int) row.length());
            while (b.hasRemaining() && ch.read(b, row.offset() + b.position()) > 0) {
                // reads until full
            }
            return b.array();
        }
    }

    /**
     * h5py (exportcheck.py): the exported file holds what a decompress of the archive does, but for the stack's
     * chunks and filter; its values where the plugin is found, else an error naming the filter.
     */
    static void assertSameAsDecompress(ArchiveReader reader, Path exported, Path dir, int[] chunk) throws IOException {
        H5py.require();
        Path restored = dir.resolve("restored.h5");
        Files.deleteIfExists(restored);
        Restorer.restore(
                reader, restored.toString(), Region.whole(reader.summary().shape()), false, 2);
        for (String script : new String[] {"fidelity/h5compare.py", "export/exportcheck.py"}) {
            try (InputStream in = ExportTest.class.getResourceAsStream("/" + script)) {
                Files.copy(in, dir.resolve(Path.of(script).getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(
                        "/usr/bin/python3",
                        dir.resolve("exportcheck.py").toString(),
                        restored.toString(),
                        exported.toString(),
                        reader.summary().datasetPath(),
                        "" + chunk[0],
                        "" + chunk[1],
                        "" + chunk[2])
                .redirectErrorStream(true);
        if (System.getenv("HDF5_PLUGIN_PATH") == null) {
            // No plugin here: an empty plugin directory, so that HDF5 reports the filter rather than a missing
            // default directory (docs/export.md).
            Path none = Files.createDirectories(dir.resolve("no-plugins"));
            pb.environment().put("HDF5_PLUGIN_PATH", none.toString());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "exportcheck.py did not finish");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(", 0 differences"), output);
    }
}
