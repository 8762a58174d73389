package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.TileRow;
import org.photonzip.archive.golden.GoldenArchivesTest;

/** {@code photonzip export}: what it prints, and the exit code and one line of each refusal. */
class ExportCommandTest extends CommandTest {
    @Test
    void exportsAndRefusesAnExistingOutputAndADamagedTile(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("a.pz");
        ArchiveDamage.copy(GoldenArchivesTest.ROOT.resolve("v2/classical.pz"), archive);
        String out = dir.resolve("e.h5").toString();
        assertEquals(ExitCodes.OK, run("export", archive.toString(), out));
        assertTrue(
                this.out
                        .toString()
                        .contains("(8 x 32 x 32 uint16, chunks 4 x 16 x 16, filter 305) from 8 tile " + "streams"),
                this.out.toString());

        assertEquals(ExitCodes.UNREADABLE, run("export", archive.toString(), out));
        assertTrue(err.toString().strip().startsWith("photonzip export: "), err.toString());
        assertTrue(err.toString().contains("--overwrite"), err.toString());

        TileRow row = ArchiveDamage.rows(archive).get(3);
        ArchiveDamage.flipBit(archive.resolve("packs").resolve(row.pack()), (row.offset() + 40) * 8);
        String other = dir.resolve("f.h5").toString();
        assertEquals(ExitCodes.TILE_FAILED, run("export", archive.toString(), other));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(Path.of(other)));
    }
}
