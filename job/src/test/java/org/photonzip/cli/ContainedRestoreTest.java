package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.hdf5.OpenHdf5Objects;

/**
 * Issue 17, "writes and reads outside the output": an archive whose metadata.h5 was crafted (and re-hashed in
 * _SUCCESS) so that links, external raw storage or virtual datasets reach other files must be refused, exit 1,
 * naming the object, with no file anywhere changed and nothing under the output's name; and a restore never writes
 * into an archive. Before the fix each crafted case exited 0, overwriting the other file (or copying it in).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ContainedRestoreTest extends CommandTest {
    private Path base;
    private Path source;
    private Path setup;

    @TempDir
    Path dir;

    @BeforeAll
    void archive(@TempDir Path setup) throws IOException {
        this.setup = setup;
        source = setup.resolve("s.h5");
        assertEquals(
                0,
                run(
                        "generate",
                        source.toString(),
                        "--frames",
                        "8",
                        "--height",
                        "64",
                        "--width",
                        "64",
                        "--seed",
                        "1",
                        "--flats",
                        "4",
                        "--darks",
                        "4"),
                err.toString());
        base = setup.resolve("base.pz");
        assertEquals(0, run("compress", source.toString(), base.toString(), "--tile", "8x32x32"), err.toString());
    }

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, OpenHdf5Objects.count(), "HDF5 objects left open");
    }

    private CraftedMetadata.Victims victims(Path root) throws IOException {
        Path v = Files.createDirectories(root.resolve("victims"));
        Path h5 = v.resolve("victim.h5");
        if (Files.notExists(h5)) {
            assertEquals(
                    0,
                    run(
                            "generate",
                            h5.toString(),
                            "--frames",
                            "8",
                            "--height",
                            "64",
                            "--width",
                            "64",
                            "--seed",
                            "2",
                            "--flats",
                            "4",
                            "--darks",
                            "4"),
                    err.toString());
        }
        Path raw = v.resolve("raw.bin");
        byte[] bytes = new byte[(1 << 20) + 8192];
        new SplittableRandom(5).nextBytes(bytes);
        Files.write(raw, bytes);
        Path text = v.resolve("passwd.txt");
        Files.writeString(text, "root:x:0:0:root:/root:/bin/bash\n".repeat(8));
        return new CraftedMetadata.Victims(h5, raw, text);
    }

    private Path copyOfBase(String name) throws IOException {
        Path a = dir.resolve(name);
        ArchiveDamage.copy(base, a);
        return a;
    }

    @Test
    void eachCraftedMetadataIsRefusedNamingTheObjectAndNothingElseChanges() throws IOException {
        CraftedMetadata.Victims victims = victims(dir);
        int n = 0;
        for (CraftedMetadata.Craft craft : CraftedMetadata.all()) {
            Path archive = copyOfBase("a" + n + ".pz");
            CraftedMetadata.apply(archive, victims, List.of(craft));
            Path out = dir.resolve("out" + n++ + ".h5");
            restoreContained(archive, out, List.of(craft));
        }
    }

    /**
     * Random combinations of the crafted edits, 40 archives: whatever the combination, no file but the output
     * changes, a refusal leaves nothing under the output's name, and exit 0 comes only with every value right.
     */
    @Test
    void randomCombinationsOfCraftedEditsNeverReachAnotherFile() throws IOException {
        CraftedMetadata.Victims victims = victims(dir);
        List<CraftedMetadata.Craft> all = CraftedMetadata.all();
        SplittableRandom random = new SplittableRandom(17);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            List<CraftedMetadata.Craft> pick = new ArrayList<>(all);
            java.util.Collections.shuffle(pick, new java.util.Random(random.nextLong()));
            pick = pick.subList(0, 1 + random.nextInt(4));
            Path archive = copyOfBase("r" + i + ".pz");
            CraftedMetadata.apply(archive, victims, pick);
            restoreContained(archive, dir.resolve("r" + i + ".h5"), pick);
            outcomes.add(pick + ": "
                    + (pick.stream().allMatch(CraftedMetadata.Craft::harmless) ? "exit 0, values right" : "refused"));
        }
        Files.write(Path.of("target/crafted-metadata.txt"), outcomes);
    }

    private void restoreContained(Path archive, Path out, List<CraftedMetadata.Craft> crafts) throws IOException {
        Map<String, String> before = hashes(dir, out);
        int code = run("decompress", archive.toString(), out.toString());
        assertEquals(List.of(), changed(before, hashes(dir, out)), crafts + ": no file but the output may change");
        boolean harmless = crafts.stream().allMatch(CraftedMetadata.Craft::harmless);
        if (harmless) {
            assertEquals(0, code, crafts + ": " + err);
            assertSameValues(out);
        } else {
            assertEquals(ExitCodes.UNREADABLE, code, crafts + " must be refused; printed " + out + err);
            String message = err.toString();
            assertTrue(
                    message.contains("metadata.h5")
                            && message.contains(
                                    crafts.size() == 1 ? crafts.get(0).mention() : ""),
                    crafts + ": " + message);
            assertFalse(Files.exists(out), crafts + ": nothing under the output's name");
        }
        assertEquals(List.of(), leftovers(out.getParent()), "no working directory left");
    }

    @Test
    void anOutputInsideTheArchiveIsRefusedBeforeAnyWork() throws IOException {
        Path archive = copyOfBase("inside.pz");
        Map<String, String> before = hashes(dir, null);
        for (String out : new String[] {
            archive.resolve(ArchiveLayout.METADATA).toString(),
            archive.toString(),
            archive.resolve("packs/new.h5").toString(),
            archive.resolve("sub/../x.h5").toString()
        }) {
            assertEquals(ExitCodes.UNREADABLE, run("decompress", archive.toString(), out, "--overwrite"), out);
            assertTrue(err.toString().contains("inside the archive"), err.toString());
            assertEquals(List.of(), changed(before, hashes(dir, null)), "the archive is untouched");
        }
        Path link = Files.createSymbolicLink(dir.resolve("link-to-archive"), archive);
        assertEquals(
                ExitCodes.UNREADABLE,
                run("decompress", archive.toString(), link.resolve("y.h5").toString()));
        assertTrue(err.toString().contains("inside the archive"), err.toString());
        assertEquals(List.of(), changed(before, hashes(dir, null)));
        assertEquals(0, run("verify", archive.toString()), err.toString());
    }

    @Test
    void aMissingDirectoryIsNamedWithItsReason() {
        Path out = dir.resolve("no/such/dir/out.h5");
        assertEquals(ExitCodes.UNREADABLE, run("decompress", base.toString(), out.toString()));
        assertTrue(
                err.toString().contains("Cannot write " + out) && err.toString().contains("does not exist"),
                err.toString());
    }

    /** A restore that exits 0 wrote every value of the source: stack, flats and darks. */
    private void assertSameValues(Path out) {
        try (HdfFile a = new HdfFile(source);
                HdfFile b = new HdfFile(out)) {
            for (String path : List.of(CraftedMetadata.STACK, CraftedMetadata.FLATS, CraftedMetadata.DARKS)) {
                assertTrue(
                        java.util.Objects.deepEquals(
                                a.getDatasetByPath(path).getData(),
                                b.getDatasetByPath(path).getData()),
                        path + " differs in " + out);
            }
        }
    }

    /** SHA-256 of every regular file under {@code root} but {@code except}. */
    static Map<String, String> hashes(Path root, Path except) throws IOException {
        Map<String, String> h = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.equals(except))
                    .toList()) {
                h.put(root.relativize(f).toString(), sha256(f));
            }
        }
        return h;
    }

    /** The files added, removed or changed between two {@link #hashes}. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        java.util.Set<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream()
                .filter(n -> !java.util.Objects.equals(before.get(n), after.get(n)))
                .toList();
    }

    static List<Path> leftovers(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".photonzip-restore-"))
                    .toList();
        }
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
