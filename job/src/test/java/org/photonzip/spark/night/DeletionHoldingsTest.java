package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.spark.night.NightFixtures.sha256;
import static org.photonzip.spark.night.NightFixtures.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.CommitMarker;
import org.photonzip.archive.FileEntry;
import org.photonzip.hdf5.NativeHdf5;
import org.photonzip.options.BoundRequest;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;

/**
 * Issue 17, "raw data deleted that no archive holds": a source is deleted only when a lossless archive verified in
 * this run holds all of it, and a re-run that skips an archive trusts it no more than the run that wrote it.
 * Each case failed (the source was deleted, exit 0) before the archive recorded its source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class DeletionHoldingsTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    /** The s.h5: generate --frames 32 --height 128 --width 128 --seed 1 --flats 4 --darks 4. */
    private static Path generated(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        GeneratorConfig cfg = GeneratorConfig.builder()
                .frames(32)
                .height(128)
                .width(128)
                .seed(1)
                .flats(4)
                .darks(4)
                .build();
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(cfg), file);
        return file;
    }

    private NightRun.Outcome night(
            List<String> inputs, Path archive, boolean skip, boolean delete, long maxMetadata, BoundRequest bound)
            throws IOException {
        NightInputs.Plan plan =
                NightInputs.plan(inputs, archive + "/", spark.sparkContext().hadoopConfiguration());
        NightOptions options = new NightOptions(
                skip,
                delete,
                scan -> new CompressJob.Request(
                        scan.input(),
                        null,
                        scan.archive(),
                        TileShape.parse("8x64x64"),
                        ModelChoice.parse("classical"),
                        false,
                        false,
                        0,
                        maxMetadata,
                        bound),
                e -> String.valueOf(e.getMessage()),
                r -> {});
        return NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
    }

    private NightRun.Outcome night(Path input, Path archive, boolean skip, boolean delete) throws IOException {
        return night(List.of(input.toString()), archive, skip, delete, 1L << 30, BoundRequest.LOSSLESS);
    }

    private static String note(NightRun.Outcome o) {
        return String.join("; ", o.records().get(0).notes());
    }

    @Test
    void aRerunKeepsASourceWhoseMetadataTheArchiveLacks(@TempDir Path dir) throws IOException {
        Path s = generated(dir.resolve("raw/s.h5"));
        String hash = sha256(s);
        NightRun.Outcome first =
                night(List.of(s.toString()), dir.resolve("night/"), false, true, 100_000, BoundRequest.LOSSLESS);
        assertEquals(NightRun.SOURCES_KEPT, first.exitCode(), first.records().toString());
        NightRun.Outcome again = night(s, dir.resolve("night/"), true, true);
        assertEquals(List.of("skipped"), statuses(again));
        assertEquals(NightRun.SOURCES_KEPT, again.exitCode(), again.records().toString());
        assertTrue(note(again).contains("lacks metadata of the source"), note(again));
        assertFalse(again.records().get(0).sourceDeleted());
        assertEquals(hash, sha256(s));
    }

    @Test
    void aRerunKeepsASourceChangedSinceItWasArchived(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(NativeHdf5.available(), "the HDF5 library edits the raw file");
        Path s = generated(dir.resolve("raw/s.h5"));
        assertEquals(
                NightRun.ALL_DONE, night(s, dir.resolve("night/"), false, false).exitCode());
        addNoteAndChangeAFlat(s);
        String hash = sha256(s);
        NightRun.Outcome again = night(s, dir.resolve("night/"), true, true);
        assertEquals(List.of("failed"), statuses(again));
        assertEquals(NightRun.SOME_FAILED, again.exitCode());
        assertTrue(
                again.records().get(0).error().contains("is not the file that was archived"),
                again.records().get(0).error());
        assertEquals(hash, sha256(s), "the note and the new flat exist only here");
    }

    @Test
    void anErrorBoundedArchiveNeverJustifiesDeletingTheSource(@TempDir Path dir) throws IOException {
        Path s = generated(dir.resolve("raw/s.h5"));
        String hash = sha256(s);
        assertEquals(
                NightRun.ALL_DONE,
                night(
                                List.of(s.toString()),
                                dir.resolve("night/"),
                                false,
                                false,
                                1L << 30,
                                BoundRequest.parse("8", null))
                        .exitCode());
        NightRun.Outcome again = night(s, dir.resolve("night/"), true, true);
        assertEquals(NightRun.SOURCES_KEPT, again.exitCode(), again.records().toString());
        assertTrue(note(again).contains("error-bounded"), note(again));
        assertEquals(hash, sha256(s), "the only exact copy");
    }

    @Test
    void aSkippedArchiveWithADamagedMetadataFileIsNotVerifiedAndKeepsItsSource(@TempDir Path dir) throws IOException {
        Path s = generated(dir.resolve("raw/s.h5"));
        String hash = sha256(s);
        Path night = dir.resolve("night");
        assertEquals(NightRun.ALL_DONE, night(s, night, false, false).exitCode());
        Path metadata = night.resolve("s.pz").resolve(ArchiveLayout.METADATA);
        byte[] bytes = Files.readAllBytes(metadata);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(metadata, bytes);
        NightRun.Outcome again = night(s, night, true, true);
        assertEquals(List.of("failed"), statuses(again));
        assertEquals(NightRun.VERIFICATION_FAILED, again.exitCode());
        assertTrue(
                again.records().get(0).error().contains("metadata.h5 does not match its _SUCCESS"),
                again.records().get(0).error());
        assertEquals(hash, sha256(s));
    }

    @Test
    void anArchiveWithoutASourceRecordKeepsItsSource(@TempDir Path dir) throws IOException {
        Path s = generated(dir.resolve("raw/s.h5"));
        String hash = sha256(s);
        Path night = dir.resolve("night");
        assertEquals(NightRun.ALL_DONE, night(s, night, false, false).exitCode());
        Path archive = night.resolve("s.pz");
        ObjectMapper json = new ObjectMapper();
        ObjectNode summary = (ObjectNode)
                json.readTree(archive.resolve(ArchiveLayout.SUMMARY).toFile());
        assertTrue(summary.has("source_record"), summary.toString());
        summary.remove("source_record"); // as an archive written before the record existed
        rewrite(archive, ArchiveLayout.SUMMARY, json.writeValueAsBytes(summary));
        NightRun.Outcome again = night(s, night, true, true);
        assertEquals(NightRun.SOURCES_KEPT, again.exitCode(), again.records().toString());
        assertTrue(note(again).contains("does not record its source files"), note(again));
        assertEquals(hash, sha256(s));
    }

    @Test
    void aSourceTruncatedWhileItIsCompressedFailsTheScanAndCommitsNothing(@TempDir Path dir) throws IOException {
        Path s = generated(dir.resolve("raw/s.h5"));
        AtomicBoolean cut = new AtomicBoolean();
        SparkListener truncate = new SparkListener() {
            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                if (cut.compareAndSet(false, true)) {
                    try (var ch = java.nio.channels.FileChannel.open(s, java.nio.file.StandardOpenOption.WRITE)) {
                        ch.truncate(ch.size() - 1);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        spark.sparkContext().addSparkListener(truncate);
        NightRun.Outcome o;
        try {
            o = night(s, dir.resolve("night/"), false, false);
        } finally {
            spark.sparkContext().removeSparkListener(truncate);
        }
        assertTrue(cut.get());
        assertEquals(List.of("failed"), statuses(o));
        assertEquals(NightRun.SOME_FAILED, o.exitCode());
        assertTrue(
                o.records().get(0).error().contains("changed while it was archived"),
                o.records().get(0).error());
        assertFalse(Files.exists(dir.resolve("night/s.pz")), "nothing committed");
    }

    /** A NeXus master whose stack links into data.h5, which also holds flats, angles and attributes. */
    @Test
    void aLinkedDataFileWithMoreThanTheStackIsKeptWithItsMaster(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(NativeHdf5.available(), "the HDF5 library writes the external link");
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Path data = JobFixtures.writeStack(raw.resolve("data.h5"), 8, 32, 40, "uint16", null, 3);
        Path master = raw.resolve("scan.nxs");
        long p = HDF5Constants.H5P_DEFAULT;
        long f = H5.H5Fcreate(master.toString(), HDF5Constants.H5F_ACC_TRUNC, p, p);
        try {
            H5.H5Gclose(H5.H5Gcreate(f, "entry", p, p, p));
            H5.H5Gclose(H5.H5Gcreate(f, "entry/data", p, p, p));
            H5.H5Lcreate_external("data.h5", "/entry/data/data", f, "entry/data/data", p, p);
        } finally {
            H5.H5Fclose(f);
        }
        String masterHash = sha256(master);
        String dataHash = sha256(data);
        NightRun.Outcome o = night(master, dir.resolve("night/"), false, true);
        assertEquals(
                List.of("done"), statuses(o), String.valueOf(o.records().get(0).error()));
        assertEquals(NightRun.SOURCES_KEPT, o.exitCode());
        assertTrue(note(o).contains("also holds") && note(o).contains("/entry/data/flats"), note(o));
        assertEquals(masterHash, sha256(master));
        assertEquals(dataHash, sha256(data));
    }

    /** --overwrite into a user's folder holding only report.html, or night/b.pz holding only summary.json. */
    @Test
    void overwriteLeavesAUsersFilesNamedLikeAnArchivesAlone(@TempDir Path dir) throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Path s = JobFixtures.writeStack(raw.resolve("s.h5"), 8, 32, 40, "uint16", null, 4);
        Path b = JobFixtures.writeStack(raw.resolve("b.h5"), 8, 32, 40, "uint16", null, 5);
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("report.html"), "<p>mine</p>");
        Path night = Files.createDirectories(dir.resolve("night/b.pz"));
        Files.writeString(night.resolve("summary.json"), "{\"mine\": true}");
        Map<String, String> before = NightFixtures.snapshot(dir);
        NightRun.Outcome intoFolder =
                NightFixtures.night(spark, List.of(s.toString()), folder.toString(), false, false, true, r -> {});
        NightRun.Outcome intoNight = NightFixtures.night(
                spark, List.of(b.toString()), dir.resolve("night") + "/", false, false, true, r -> {});
        for (NightRun.Outcome o : List.of(intoFolder, intoNight)) {
            assertEquals(NightRun.SOME_FAILED, o.exitCode(), o.records().toString());
            assertTrue(
                    o.records().get(0).error().contains("not provably photonzip's"),
                    o.records().get(0).error());
        }
        Map<String, String> after = NightFixtures.snapshot(dir);
        after.keySet().removeIf(k -> k.startsWith("night/_night/"));
        assertEquals(before, after, "nothing of the user's was deleted");
    }

    /** The control: a data file holding nothing but the stack goes with its master, as docs/nightly.md says. */
    @Test
    void aLinkedDataFileHoldingOnlyTheStackGoesWithItsMaster(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(NativeHdf5.available(), "the HDF5 library writes the files");
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Path data = raw.resolve("data.h5");
        long p = HDF5Constants.H5P_DEFAULT;
        long f = H5.H5Fcreate(data.toString(), HDF5Constants.H5F_ACC_TRUNC, p, p);
        try {
            H5.H5Gclose(H5.H5Gcreate(f, "entry", p, p, p));
            H5.H5Gclose(H5.H5Gcreate(f, "entry/data", p, p, p));
            long space = H5.H5Screate_simple(3, new long[] {4, 16, 24}, null);
            short[] values = new short[4 * 16 * 24];
            for (int i = 0; i < values.length; i++) {
                values[i] = (short) (500 + 13 * i % 4000);
            }
            long d = H5.H5Dcreate(f, "entry/data/data", HDF5Constants.H5T_STD_U16LE, space, p, p, p);
            H5.H5Dwrite(d, HDF5Constants.H5T_NATIVE_USHORT, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, p, values);
            H5.H5Dclose(d);
            H5.H5Sclose(space);
        } finally {
            H5.H5Fclose(f);
        }
        Path master = raw.resolve("scan.nxs");
        f = H5.H5Fcreate(master.toString(), HDF5Constants.H5F_ACC_TRUNC, p, p);
        try {
            H5.H5Gclose(H5.H5Gcreate(f, "entry", p, p, p));
            H5.H5Gclose(H5.H5Gcreate(f, "entry/data", p, p, p));
            H5.H5Lcreate_external("data.h5", "/entry/data/data", f, "entry/data/data", p, p);
        } finally {
            H5.H5Fclose(f);
        }
        NightRun.Outcome o = night(master, dir.resolve("night/"), false, true);
        assertEquals(NightRun.ALL_DONE, o.exitCode(), o.records().toString());
        assertTrue(o.records().get(0).sourceDeleted() && o.records().get(0).verified());
        assertFalse(Files.exists(master) || Files.exists(data));
    }

    @Test
    void tiffFramesWithTagsTheArchiveLacksAreKept(@TempDir Path dir) throws IOException {
        Path tagged = Files.createDirectories(dir.resolve("tagged"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Map<Path, String> hashes = new LinkedHashMap<>();
        for (int t = 0; t < 3; t++) {
            Path frame = tagged.resolve(String.format("raw_%03d.tif", t));
            Files.write(frame, tiff(16, 8, t, "angle=" + (60 * t) + " exposure=0.1"));
            hashes.put(frame, sha256(frame));
            Files.write(plain.resolve(String.format("raw_%03d.tif", t)), tiff(16, 8, t, null));
        }
        NightRun.Outcome o = night(tagged, dir.resolve("night/"), false, true);
        assertEquals(NightRun.SOURCES_KEPT, o.exitCode(), o.records().toString());
        assertTrue(note(o).contains("TIFF tags [270, 305, 306]"), note(o));
        for (Map.Entry<Path, String> e : hashes.entrySet()) {
            assertEquals(e.getValue(), sha256(e.getKey()));
        }
        // Only the structural tags: the archive holds everything, and the frames go.
        NightRun.Outcome bare = night(plain, dir.resolve("night/"), false, true);
        assertEquals(NightRun.ALL_DONE, bare.exitCode(), bare.records().toString());
        assertTrue(bare.records().get(0).sourceDeleted());
        try (var left = Files.list(plain)) {
            assertEquals(0, left.count());
        }
    }

    /** A little-endian uint16 TIFF of one strip; with {@code description}, also ImageDescription, Software, DateTime. */
    static byte[] tiff(int width, int height, int seed, String description) {
        int pixels = width * height * 2;
        byte[] desc = description == null ? new byte[0] : (description + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] software = "beamline-daq 2.1\0".getBytes(StandardCharsets.US_ASCII);
        byte[] date = "2026:11:20 21:04:05\0".getBytes(StandardCharsets.US_ASCII);
        int entries = description == null ? 10 : 13;
        int ifd = 8 + pixels;
        int extra = ifd + 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(extra + desc.length + software.length + date.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        for (int i = 0; i < width * height; i++) {
            b.putShort((short) (1000 + 37 * i + 101 * seed));
        }
        b.putShort((short) entries);
        entry(b, 256, 3, 1, width);
        entry(b, 257, 3, 1, height);
        entry(b, 258, 3, 1, 16);
        entry(b, 259, 3, 1, 1);
        entry(b, 262, 3, 1, 1);
        if (description != null) {
            entry(b, 270, 2, desc.length, extra);
        }
        entry(b, 273, 4, 1, 8);
        entry(b, 277, 3, 1, 1);
        entry(b, 278, 3, 1, height);
        entry(b, 279, 4, 1, pixels);
        if (description != null) {
            entry(b, 305, 2, software.length, extra + desc.length);
            entry(b, 306, 2, date.length, extra + desc.length + software.length);
        }
        entry(b, 339, 3, 1, 1);
        b.putInt(0);
        if (description != null) {
            b.put(desc).put(software).put(date);
        }
        return java.util.Arrays.copyOf(b.array(), description == null ? extra : b.capacity());
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** Replaces one file of a committed archive and re-lists it in _SUCCESS, as someone with write access could. */
    static void rewrite(Path archive, String name, byte[] content) throws IOException {
        Files.write(archive.resolve(name), content);
        Path success = archive.resolve(ArchiveLayout.SUCCESS);
        CommitMarker m = CommitMarker.parse(Files.readAllBytes(success), archive.toString());
        Map<String, FileEntry> files = new java.util.TreeMap<>(m.files());
        files.put(name, new FileEntry(content.length, sha256(archive.resolve(name))));
        Files.write(success, new CommitMarker(m.version(), m.archiveId(), m.tiles(), files).toJson());
    }

    /** After archiving: a note added to the raw file and one flat value changed. */
    private static void addNoteAndChangeAFlat(Path file) {
        long p = HDF5Constants.H5P_DEFAULT;
        long f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDWR, p);
        try {
            long d = H5.H5Dopen(f, Hdf5StackWriter.FLATS, p);
            try {
                short[] flats = new short[4 * 128 * 128];
                H5.H5Dread(d, HDF5Constants.H5T_NATIVE_USHORT, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, p, flats);
                flats[77]++;
                H5.H5Dwrite(d, HDF5Constants.H5T_NATIVE_USHORT, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, p, flats);
            } finally {
                H5.H5Dclose(d);
            }
            long space = H5.H5Screate_simple(1, new long[] {3}, null);
            try {
                long n = H5.H5Dcreate(f, "/entry/note", HDF5Constants.H5T_NATIVE_INT, space, p, p, p);
                H5.H5Dwrite(
                        n, HDF5Constants.H5T_NATIVE_INT, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, p, new int[] {
                            1, 2, 3
                        });
                H5.H5Dclose(n);
            } finally {
                H5.H5Sclose(space);
            }
        } finally {
            H5.H5Fclose(f);
        }
    }
}
