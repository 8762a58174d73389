package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.hdf5.MetadataSamples;
import org.photonzip.source.Dtype;
import org.photonzip.spark.H5py;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * Restored files as h5py sees them, on files written the way h5py and NeXus writers write them (make_fixtures.py):
 * a stack reached through two external links, a soft link and a hard link; big-endian, gzip + shuffle chunked
 * stacks; variable- and fixed-length strings, UTF-8 text; flats, darks and signed 8/16-bit cubes coded in
 * metadata-samples.pz and restored bit-exact (h5compare.py compares every value).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class FidelityTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();
    private Path fixtures;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        H5py.require();
        fixtures = dir;
        H5py.makeFixtures(dir);
    }

    /** Even a restore that failed on a full disk closes what it opened (else the process crashes at exit). */
    @AfterEach
    void nothingLeftOpen() {
        org.junit.jupiter.api.Assertions.assertEquals(
                0, org.photonzip.hdf5.OpenHdf5Objects.count(), "HDF5 objects left open");
    }

    private String archive(String name, Path dir) throws IOException {
        String archive = dir.resolve(name + ".pz").toString();
        JobFixtures.compress(spark, fixtures.resolve(name + ".h5").toString(), null, archive, null, false, false, 0);
        return archive;
    }

    @Test
    void linksStringsAndCodedCubesComeBackAsInTheSource(@TempDir Path dir) throws IOException {
        String archive = archive("links", dir);
        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        List<String> coded = new ArrayList<>();
        long raw = 0;
        for (org.photonzip.archive.CodedDataset e : reader.summary().codedDatasets()) {
            coded.add(e.path());
            raw += (long) e.shape()[0]
                    * e.shape()[1]
                    * e.shape()[2]
                    * Dtype.of(e.dtype()).bytes();
        }
        assertEquals(
                List.of("/entry/data/darks", "/entry/data/flats", "/entry/data/signed16", "/entry/data/signed_cube"),
                coded.stream().sorted().toList());
        assertTrue(Files.size(Path.of(archive, MetadataSamples.FILE)) < raw, "coded samples take less than raw");
        Path restored = dir.resolve("links.out.h5");
        JobFixtures.restore(archive, restored, null, null);
        H5py.assertSameAsSource(fixtures.resolve("links.h5"), restored);
    }

    @Test
    void bigEndianGzipStackKeepsByteOrderChunksAndFilters(@TempDir Path dir) throws IOException {
        String archive = archive("bigendian", dir);
        Path restored = dir.resolve("be.out.h5");
        JobFixtures.restore(archive, restored, null, null);
        H5py.assertSameAsSource(fixtures.resolve("bigendian.h5"), restored);

        Path part = dir.resolve("be.part.h5");
        JobFixtures.restore(archive, part, "3:11", "5:20,7:33");
        H5py.assertRegionOfSource(
                fixtures.resolve("bigendian.h5"),
                part,
                "/entry/data/data,/entry/data/alias,/entry/hard_alias",
                3,
                11,
                5,
                20,
                7,
                33);
    }

    @Test
    void eightBitGzipStack(@TempDir Path dir) throws IOException {
        Path restored = dir.resolve("gzip8.out.h5");
        JobFixtures.restore(archive("gzip8", dir), restored, null, null);
        H5py.assertSameAsSource(fixtures.resolve("gzip8.h5"), restored);
    }

    @Test
    void damagedCodedSamplesAreRefusedBeforeTheFileAppears(@TempDir Path dir) throws IOException {
        String archive = archive("links", dir);
        Path samples = Path.of(archive, MetadataSamples.FILE);
        byte[] bytes = Files.readAllBytes(samples);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(samples, bytes);
        Path out = dir.resolve("never.h5");
        InvalidArchiveException e =
                assertThrows(InvalidArchiveException.class, () -> JobFixtures.restore(archive, out, null, null));
        assertTrue(
                e.getMessage().contains(MetadataSamples.FILE) || e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(Files.notExists(out));
    }

    /**
     * A coded part changed and its file's listing re-stated (so the file's SHA-256 passes): the part's own checked
     * decode refuses it, as a tile failing its checks (exit 3), before the output appears.
     */
    @Test
    void aForgedCodedPartFailsTheCheckedDecode(@TempDir Path dir) throws IOException {
        String archive = archive("links", dir);
        Path samples = Path.of(archive, MetadataSamples.FILE);
        byte[] bytes = Files.readAllBytes(samples);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(samples, bytes);
        org.photonzip.archive.ArchiveDamage.restate(Path.of(archive), MetadataSamples.FILE);
        Path out = dir.resolve("never.h5");
        org.photonzip.archive.TileCheckException e = assertThrows(
                org.photonzip.archive.TileCheckException.class, () -> JobFixtures.restore(archive, out, null, null));
        assertTrue(
                e.getMessage().startsWith("Invalid tile in ")
                        && e.getMessage().contains("(" + MetadataSamples.FILE + " at offset "),
                e.getMessage());
        assertTrue(Files.notExists(out));
    }

    @Test
    void summaryPartsThatDoNotCoverTheDatasetAreRefused(@TempDir Path dir) throws IOException {
        String archive = archive("links", dir);
        Path summary = Path.of(archive, "summary.json");
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(summary.toFile());
        ObjectNode part = (ObjectNode)
                root.path("metadata").path("coded").get(0).path("parts").get(0);
        part.put("frames", part.path("frames").asInt() - 1);
        json.writeValue(summary.toFile(), root);
        fixCommitLength(Path.of(archive), "summary.json");
        InvalidArchiveException e = assertThrows(
                InvalidArchiveException.class, () -> JobFixtures.restore(archive, dir.resolve("never.h5"), null, null));
        assertTrue(e.getMessage().contains("do not cover"), e.getMessage());
    }

    /**
     * A full disk while restoring is the destination's failure, reported as "Cannot write", leaving nothing. The
     * disk holds the copy of metadata.h5 and one page more: the restore fails while writing the stack's chunks
     * (nothing is staged beside the output any more: the restored file alone must not fit).
     */
    @Test
    void fullDiskIsReportedAsTheDestinationsFault(@TempDir Path dir) throws Exception {
        String archive = archive("bigendian", dir);
        Path full = Files.createDirectory(dir.resolve("full"));
        long room = (Files.size(Path.of(archive, "metadata.h5")) / 4096 + 2) * 4096;
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + room, "tmpfs", full.toString())
                .redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "Skipped: cannot mount a small tmpfs here");
        try {
            Path out = full.resolve("out.h5");
            Exception e = assertThrows(Exception.class, () -> JobFixtures.restore(archive, out, null, null));
            assertTrue(
                    e instanceof DestinationException && e.getMessage().startsWith("Cannot write " + out),
                    e.toString());
            try (var left = Files.list(full)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            // The library may keep a file it could not flush on the full disk (an HDF5 1.14.3 leak, which would crash
            // this JVM at exit): give the disk room, close it, then unmount.
            new ProcessBuilder("mount", "-o", "remount,size=64m", full.toString())
                    .start()
                    .waitFor();
            org.photonzip.hdf5.OpenHdf5Objects.closeFiles();
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }

    /** Re-states a file's length and SHA-256 in _SUCCESS, as an adversary who edits a file would. */
    private static void fixCommitLength(Path archive, String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode marker =
                (ObjectNode) json.readTree(archive.resolve("_SUCCESS").toFile());
        for (JsonNode f : marker.path("files")) {
            if (f.path("name").asText().equals(name)) {
                ((ObjectNode) f).put("bytes", Files.size(archive.resolve(name)));
                if (f.has("sha256")) {
                    ((ObjectNode) f).put("sha256", sha256(archive.resolve(name)));
                }
            }
        }
        json.writeValue(archive.resolve("_SUCCESS").toFile(), marker);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
