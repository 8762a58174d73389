package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.hdf5.OpenHdf5Objects;

/**
 * Issue 17, "a restore that says restored and is wrong": {@code decompress} onto a disk with a little less room than
 * the output once exited 0 with the flats all zeros (the error of the close that flushes a dataset was ignored).
 * Here the disk (a small tmpfs) is filled so that 0, 1, 2, ... pages are free, in steps of one page (at most 5 % of
 * the output), up to twice the output's size: each restore must exit 0 with every value of the stack, flats
 * and darks right, or exit 1 naming the output with nothing left under its name and no HDF5 object left open.
 * The levels and outcomes are written to target/full-disk-levels.txt.
 */
@Tag("slow")
class FullDiskLevelsTest extends CommandTest {
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void atEveryFillLevelTheRestoreIsRightOrFailsNamingTheOutput() throws Exception {
        Path source = dir.resolve("s.h5");
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
        Path archive = dir.resolve("base.pz");
        assertEquals(0, run("compress", source.toString(), archive.toString(), "--tile", "8x32x32"), err.toString());
        Path reference = dir.resolve("reference.h5");
        assertEquals(0, run("decompress", archive.toString(), reference.toString()), err.toString());
        long size = Files.size(reference);
        assertTrue(PAGE <= size / 20, "one page is at most 5 % of the output (" + size + " bytes)");

        Path disk = Files.createDirectory(dir.resolve("disk"));
        long room = ((size * 2 + (1 << 20)) / PAGE + 1) * PAGE;
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + room, "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        Assumptions.assumeTrue(mount.waitFor() == 0, "Skipped: cannot mount a small tmpfs here (needs root)");
        List<String> report = new ArrayList<>();
        int restored = 0, refused = 0, leaks = 0;
        try {
            long free = Files.getFileStore(disk).getUsableSpace();
            Path filler = disk.resolve("filler");
            Path out = disk.resolve("out.h5");
            for (long level = 0; level <= size * 2; level += PAGE) {
                fill(filler, free - level);
                int code = run("decompress", archive.toString(), out.toString());
                String outcome;
                if (code == 0) {
                    // compared on a copy: jhdf maps the file it reads, which would keep the tmpfs busy
                    Path copy = Files.copy(out, dir.resolve("restored.h5"), StandardCopyOption.REPLACE_EXISTING);
                    assertSameValues(source, copy, level);
                    restored++;
                    outcome = "exit 0, every value right";
                } else {
                    assertEquals(ExitCodes.UNREADABLE, code, "level " + level + ": " + err);
                    assertTrue(err.toString().contains("Cannot write " + out), "level " + level + ": " + err);
                    assertFalse(Files.exists(out), "level " + level + ": nothing under the output's name");
                    refused++;
                    outcome = "exit 1: " + err.toString().strip();
                }
                assertEquals(List.of(), ContainedRestoreTest.leftovers(disk), "level " + level);
                if (OpenHdf5Objects.count() != 0) {
                    leaks++; // give the disk room so the library can close what it kept, then go on
                    new ProcessBuilder("mount", "-o", "remount,size=" + (room * 4), disk.toString())
                            .start()
                            .waitFor();
                    OpenHdf5Objects.closeFiles();
                    new ProcessBuilder("mount", "-o", "remount,size=" + room, disk.toString())
                            .start()
                            .waitFor();
                }
                report.add(level + " bytes free (" + (100 * level / size) + " % of " + size + "): " + outcome);
                Files.deleteIfExists(out);
                Files.deleteIfExists(filler);
            }
        } finally {
            new ProcessBuilder("mount", "-o", "remount,size=64m", disk.toString())
                    .start()
                    .waitFor();
            OpenHdf5Objects.closeFiles();
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
            report.add(
                    0,
                    report.size() + " levels: " + restored + " restored right, " + refused
                            + " refused naming the output, " + leaks + " with HDF5 objects left open");
            Files.write(Path.of("target/full-disk-levels.txt"), report);
        }
        assertEquals(0, leaks, "HDF5 objects left open after a failure (the library would crash at exit)");
        assertTrue(restored > 0 && refused > 0, report.get(0));
    }

    private static void fill(Path filler, long bytes) throws IOException {
        byte[] page = new byte[PAGE];
        try (OutputStream o = Files.newOutputStream(filler)) {
            for (long n = 0; n < bytes; n += PAGE) {
                o.write(page, 0, (int) Math.min(PAGE, bytes - n));
            }
        }
    }

    private static void assertSameValues(Path source, Path out, long level) {
        try (HdfFile a = new HdfFile(source);
                HdfFile b = new HdfFile(out)) {
            for (String path : List.of(CraftedMetadata.STACK, CraftedMetadata.FLATS, CraftedMetadata.DARKS)) {
                assertTrue(
                        Objects.deepEquals(
                                a.getDatasetByPath(path).getData(),
                                b.getDatasetByPath(path).getData()),
                        "level " + level + ": exit 0 but " + path + " differs");
            }
        } catch (RuntimeException e) {
            throw new AssertionError("level " + level + ": exit 0 but the output is not readable: " + e, e);
        }
    }
}
