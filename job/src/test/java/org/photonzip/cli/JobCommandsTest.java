package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;

/** The job's commands as users type them: output, exit codes, and the demo. Each command starts its own Spark. */
@Tag("slow")
class JobCommandsTest extends CommandTest {

    @Test
    void demoThenInfoVerifyAndDecompressOfItsArchive(@TempDir Path dir) throws Exception {
        assertEquals(
                0,
                run(
                        "demo",
                        "--dir",
                        dir.toString(),
                        "--frames",
                        "24",
                        "--height",
                        "48",
                        "--width",
                        "64",
                        "--master",
                        "local[2]"),
                err.toString());
        String demo = out.toString();
        for (String expected : new String[] {
            "1. generate",
            "2. compress --verify",
            "3. decompress",
            "4. compare",
            "original size",
            "compressed size",
            "bits/pixel",
            "ratio",
            "MB/s",
            "restored bit for bit"
        }) {
            assertTrue(demo.contains(expected), "demo output lacks '" + expected + "':\n" + demo);
        }
        Path archive = dir.resolve("sample.pz");

        assertEquals(0, run("info", archive.toString()), err.toString());
        assertTrue(out.toString().contains("sample.h5:/entry/data/data"), out.toString());
        assertTrue(out.toString().contains("24 x 48 x 64 uint16"), out.toString());
        assertTrue(out.toString().contains("verified at compress | yes"), out.toString());
        // The whole archive beside the tile streams: every listed file and _SUCCESS.
        long whole = 0;
        try (var files = Files.walk(archive)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                whole += Files.size(f);
            }
        }
        assertTrue(
                out.toString()
                        .matches("(?s).*archive size +\\| "
                                + java.util.regex.Pattern.quote(org.photonzip.report.ArchiveBytes.format(whole))
                                + " in .*"),
                out.toString());
        assertTrue(
                out.toString().contains("archive ratio") && out.toString().contains("(tile streams)"), out.toString());

        assertEquals(
                0,
                run(
                        "verify",
                        archive.toString(),
                        "--against",
                        dir.resolve("sample.h5").toString(),
                        "--master",
                        "local[2]"),
                err.toString());
        assertTrue(out.toString().contains("every value matches"), out.toString());

        Path part = dir.resolve("part.h5");
        assertEquals(
                0,
                run("decompress", archive.toString(), part.toString(), "--frames", "2:5", "--roi", "0:10,5:60"),
                err.toString());
        assertTrue(out.toString().contains("(3 x 10 x 55 uint16)"), out.toString());
        assertTrue(
                out.toString().contains("beside the stack, cut to the region (")
                        && out.toString().contains("/entry/data/rotation_angle: frames 2:5 of 24"),
                "the angles follow the " + "frames, and the output says so: " + out);
        assertEquals(1, run("decompress", archive.toString(), part.toString()));
        assertTrue(err.toString().contains("--overwrite"), err.toString());
        assertEquals(
                2, run("decompress", archive.toString(), dir.resolve("x.h5").toString(), "--roi", "1:2"));
        assertTrue(err.toString().contains("Invalid --roi 1:2"), err.toString());
        assertEquals(
                2, run("decompress", archive.toString(), dir.resolve("x.h5").toString(), "--frames", "20:30"));
        assertFalse(Files.exists(dir.resolve("x.h5")));

        // A flipped bit in a pack: verify names the tile and exits 3; decompress refuses with 3, writing nothing.
        Path pack;
        try (var packs = Files.list(archive.resolve("packs"))) {
            pack = packs.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(pack, bytes);
        assertEquals(3, run("verify", archive.toString(), "--master", "local[2]"));
        assertTrue(err.toString().contains("FAILED") && err.toString().contains("CRC32C"), err.toString());
        assertEquals(
                3, run("decompress", archive.toString(), dir.resolve("y.h5").toString()));
        assertFalse(Files.exists(dir.resolve("y.h5")));
    }

    @Test
    void compressExitCodesAndSeveralInputs(@TempDir Path dir) throws Exception {
        Path a = JobFixtures.writeStack(dir.resolve("scan_a.h5"), 8, 32, 40, "uint16", null, 1);
        Path b = JobFixtures.writeStack(dir.resolve("scan_b.h5"), 8, 32, 40, "uint16", new int[] {1, 32, 40}, 2);

        assertEquals(
                2,
                run(
                        "compress",
                        a.toString(),
                        dir.resolve("x.pz").toString(),
                        "--model",
                        dir.resolve("absent.pzm").toString()));
        assertTrue(err.toString().contains("no such model file"), err.toString());
        assertFalse(Files.exists(dir.resolve("x.pz")));
        assertEquals(2, run("compress", a.toString(), dir.resolve("x.pz").toString(), "--tile", "4x4"));
        assertTrue(err.toString().contains("Invalid tile shape"), err.toString());

        Path nightly = dir.resolve("nightly");
        assertEquals(
                1,
                run(
                        "compress",
                        a.toString(),
                        dir.resolve("missing.h5").toString(),
                        b.toString(),
                        nightly.toString(),
                        "--master",
                        "local[2]"));
        assertTrue(err.toString().contains("missing.h5"), err.toString());
        assertTrue(out.toString().contains("scan_a.h5"), out.toString());
        assertTrue(Files.exists(nightly.resolve("scan_a.pz").resolve("_SUCCESS")));
        // Each archive's digest is printed: the SHA-256 of its _SUCCESS, which pins every other file's hash.
        String digest = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(nightly.resolve("scan_a.pz").resolve("_SUCCESS"))));
        assertTrue(out.toString().contains("sha256:" + digest), out.toString());
        assertTrue(Files.exists(nightly.resolve("scan_b.pz").resolve("_SUCCESS")));
        assertFalse(Files.exists(nightly.resolve("missing.pz")));

        assertEquals(1, run("info", dir.resolve("nope.pz").toString()));
        assertTrue(err.toString().contains("nope.pz"), err.toString());
    }

    /**
     * Issue 17: a consistent one-tile forgery (its row, the manifest and _SUCCESS re-hashed) passes every check
     * but the archive's digest; verify --digest checks it against the digest compress printed, and info shows it.
     */
    @Test
    void verifyDigestRefusesAConsistentForgeryThatPlainVerifyPasses(@TempDir Path dir) throws Exception {
        Path scan = JobFixtures.writeStack(dir.resolve("scan.h5"), 8, 32, 40, "uint16", null, 3);
        Path archive = dir.resolve("scan.pz");
        assertEquals(
                0,
                run("compress", scan.toString(), archive.toString(), "--tile", "4x16x20", "--master", "local[2]"),
                err.toString());
        java.util.regex.Matcher printed =
                java.util.regex.Pattern.compile("sha256:([0-9a-f]{64})").matcher(out.toString());
        assertTrue(printed.find(), out.toString());
        String digest = printed.group(1);
        assertEquals(0, run("info", archive.toString()), err.toString());
        assertTrue(out.toString().contains("sha256:" + digest), out.toString());
        assertEquals(
                0,
                run(
                        "verify",
                        archive.toString(),
                        "--digest",
                        "sha256:" + digest.toUpperCase(java.util.Locale.ROOT),
                        "--master",
                        "local[2]"),
                err.toString());
        assertTrue(out.toString().contains("whose digest is the expected sha256:" + digest), out.toString());

        org.photonzip.archive.ArchiveDamage.forgeTile(archive, 3);
        assertEquals(0, run("verify", archive.toString(), "--master", "local[2]"), err.toString());
        assertEquals(1, run("verify", archive.toString(), "--digest", digest, "--master", "local[2]"));
        assertTrue(
                err.toString().contains("its digest (SHA-256 of _SUCCESS) is ")
                        && err.toString().contains("not the expected " + digest),
                err.toString());
        assertFalse(out.toString().contains("verified"), out.toString());

        assertEquals(2, run("verify", archive.toString(), "--digest", "12ab", "--master", "local[2]"));
        assertTrue(err.toString().contains("Invalid --digest 12ab"), err.toString());
        assertEquals(
                2, run("verify", archive.toString(), archive.toString(), "--digest", digest, "--master", "local[1]"));
        assertTrue(err.toString().contains("Invalid --digest"), err.toString());
    }
}
