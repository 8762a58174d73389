package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.HadoopFiles;

/** INPUT... ARCHIVE as users type them (local files here; HDFS in HdfsJobTest). */
class NightInputsTest {
    private static NightInputs.Plan plan(String archive, String... inputs) throws IOException {
        return NightInputs.plan(List.of(inputs), archive, new Configuration());
    }

    private static Path touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    private static List<String> names(NightInputs.Plan p) {
        return p.scans().stream()
                .map(s -> HadoopFiles.path(s.input()).getName() + ">"
                        + HadoopFiles.path(s.archive()).getName())
                .toList();
    }

    @Test
    void globsAndDirectoriesOfScansAreOneScanPerFileInANightDirectory(@TempDir Path dir) throws IOException {
        for (String n : new String[] {"scan_2.h5", "scan_1.nxs", "scan_3.h5", "notes.txt"}) {
            touch(dir.resolve("raw").resolve(n));
        }
        NightInputs.Plan glob = plan(
                dir.resolve("night").toString(), dir.resolve("raw/scan_*.h5").toString());
        assertEquals(List.of("scan_2.h5>scan_2.pz", "scan_3.h5>scan_3.pz"), names(glob));
        assertEquals(dir.resolve("night").toString(), glob.nightDirectory(), "a glob names a set of scans");
        NightInputs.Plan directory =
                plan(dir.resolve("night").toString(), dir.resolve("raw").toString());
        assertEquals(List.of("scan_1.nxs>scan_1.pz", "scan_2.h5>scan_2.pz", "scan_3.h5>scan_3.pz"), names(directory));
        NightInputs.Plan none = plan(
                dir.resolve("night").toString(), dir.resolve("raw/run_*.h5").toString());
        assertEquals(List.of(), none.scans());
        assertEquals(List.of(dir.resolve("raw/run_*.h5").toString()), none.unmatched());
    }

    @Test
    void tiffFramesAreOneSeriesAndMixingIsRefused(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 3; i++) {
            touch(dir.resolve("tiffs/raw_0000" + i + ".tiff"));
        }
        NightInputs.Plan glob = plan(
                dir.resolve("t.pz").toString(), dir.resolve("tiffs/raw_*.tiff").toString());
        assertEquals(1, glob.scans().size());
        assertNull(glob.nightDirectory(), "one series into one archive");
        assertEquals(
                dir.resolve("tiffs/raw_*.tiff").toString(), glob.scans().get(0).input());
        NightInputs.Plan directory =
                plan(dir.resolve("t.pz").toString(), dir.resolve("tiffs").toString());
        assertEquals(List.of("tiffs>t.pz"), names(directory));

        touch(dir.resolve("tiffs/scan.h5"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> plan(dir.resolve("t.pz").toString(), dir.resolve("tiffs").toString()));
        assertTrue(e.getMessage().startsWith("Invalid input") && e.getMessage().contains("both TIFF"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> plan(
                        dir.resolve("t.pz").toString(), dir.resolve("tiffs/*").toString()));
        // A directory without scans (a re-run after its sources were deleted) is reported as matching nothing.
        Files.createDirectories(dir.resolve("empty"));
        NightInputs.Plan empty =
                plan(dir.resolve("t.pz").toString(), dir.resolve("empty").toString());
        assertEquals(List.of(), empty.scans());
        assertEquals(List.of(dir.resolve("empty").toString()), empty.unmatched());
    }

    /** Issue 17: raw/a.pz among a glob's matches was taken as a set of scans, its metadata.h5 archived and deleted. */
    @Test
    void nothingInOrOfAnArchiveIsEverAScan(@TempDir Path dir) throws IOException {
        touch(dir.resolve("raw/s.h5"));
        Path a = dir.resolve("raw/a.pz");
        touch(a.resolve("metadata.h5"));
        touch(a.resolve("packs/part-00000-0-1-abcd.pz"));
        Files.write(
                a.resolve("_SUCCESS"),
                new org.photonzip.archive.CommitMarker(
                                2,
                                "id",
                                1,
                                java.util.Map.of(
                                        "metadata.h5",
                                                new org.photonzip.archive.FileEntry(
                                                        1, NightFixtures.sha256(a.resolve("metadata.h5"))),
                                        "packs/part-00000-0-1-abcd.pz",
                                                new org.photonzip.archive.FileEntry(
                                                        1,
                                                        NightFixtures.sha256(
                                                                a.resolve("packs/part-00000-0-1-abcd.pz")))))
                        .toJson());
        touch(dir.resolve("raw/b.pz/summary.json")); // looks like an archive, uncommitted
        NightInputs.Plan p =
                plan(dir.resolve("night") + "/", dir.resolve("raw/*").toString());
        assertEquals(List.of("s.h5>s.pz"), names(p));
        assertEquals(2, p.notes().size(), p.notes().toString());
        assertTrue(
                p.notes().get(0).contains("raw/a.pz: a photonzip archive, not a scan"),
                p.notes().toString());
        NightInputs.Plan inside =
                plan(dir.resolve("night") + "/", dir.resolve("raw/*/*").toString());
        assertEquals(List.of(), inside.scans());
        assertTrue(
                inside.notes().stream().allMatch(n -> n.contains("inside the photonzip archive")),
                inside.notes().toString());
        for (Path named : List.of(a, a.resolve("metadata.h5"), a.resolve("packs/part-00000-0-1-abcd.pz"))) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> plan(dir.resolve("night") + "/", named.toString()));
            assertTrue(
                    e.getMessage().contains("photonzip archive " + HadoopFiles.path(a.toString()))
                            && e.getMessage().contains("never a scan"),
                    e.getMessage());
        }
        // Spark's empty _SUCCESS does not make a directory of scans an archive.
        touch(dir.resolve("spark-out/scan.h5"));
        Files.write(dir.resolve("spark-out/_SUCCESS"), new byte[0]);
        assertEquals(
                List.of("scan.h5>scan.pz"),
                names(plan(
                        dir.resolve("night") + "/",
                        dir.resolve("spark-out/*.h5").toString())));
    }

    @Test
    void oneInputGoesIntoTheNightDirectoryWhenArchiveIsOne(@TempDir Path dir) throws IOException {
        Path scan = touch(dir.resolve("scan.h5"));
        assertEquals(List.of("scan.h5>x.pz"), names(plan(dir.resolve("x.pz").toString(), scan.toString())));
        assertNull(plan(dir.resolve("x.pz").toString(), scan.toString()).nightDirectory());
        assertEquals(List.of("scan.h5>scan.pz"), names(plan(dir.resolve("night") + "/", scan.toString())));
        // The regression: night/ already holds archives; --overwrite scan.h5 night must not take night/ itself.
        Files.createDirectories(dir.resolve("night/a.pz"));
        Files.write(
                dir.resolve("night/a.pz/_SUCCESS"),
                new org.photonzip.archive.CommitMarker(1, "id", 1, java.util.Map.of()).toJson());
        NightInputs.Plan p = plan(dir.resolve("night").toString(), scan.toString());
        assertEquals(List.of("scan.h5>scan.pz"), names(p));
        assertEquals(dir.resolve("night").toString(), p.nightDirectory());
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(List.of("scan.h5>scan.pz"), names(plan(dir.resolve("empty").toString(), scan.toString())));
        // An existing archive stays the target (and is refused without --overwrite by the committer).
        assertEquals(
                List.of("scan.h5>a.pz"), names(plan(dir.resolve("night/a.pz").toString(), scan.toString())));
        Path other = touch(dir.resolve("b/scan.h5"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> plan(dir.resolve("n").toString(), scan.toString(), other.toString()));
        assertTrue(e.getMessage().contains("both be archived as"), e.getMessage());
    }
}
