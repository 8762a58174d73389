package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.photonzip.archive.ArchiveDamage;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileCheckException;
import org.photonzip.archive.TileRow;

/**
 * A restore either writes the whole region, every tile checked, or leaves nothing: a tile failing on one of the
 * parallel writers fails it (it once left a hole of zeros and exit 0), a full disk is the destination's fault,
 * and an existing output is never clobbered by a failed restore.
 */
class RestoreFailureTest {
    /** A failed restore closes everything it opened, even on a full disk (else the process crashes at exit). */
    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, org.photonzip.hdf5.OpenHdf5Objects.count(), "HDF5 objects left open");
    }

    static final Path GOLDEN = Path.of("src/test/resources/golden-archives/v1/many-tiles.pz");
    /** Chunked 12 x 48 x 48 by frame, tiles of 6 frames: its chunks are written directly. */
    static final Path CHUNKED = Path.of("src/test/resources/golden-archives/v2/learned.pz");

    @TempDir
    Path dir;

    private Path archive() throws IOException {
        return archive(GOLDEN);
    }

    private Path archive(Path golden) throws IOException {
        Path a = dir.resolve("a.pz");
        ArchiveDamage.copy(golden, a);
        return a;
    }

    private static Restorer.Result restore(
            ArchiveReader reader,
            Path out,
            boolean overwrite,
            java.util.function.UnaryOperator<StackSink> sinks,
            long bandBytes)
            throws IOException {
        return Restorer.restore(
                reader, out.toString(), Region.whole(reader.summary().shape()), overwrite, 3, sinks, bandBytes);
    }

    private static ArchiveReader open(Path a) throws IOException {
        return ArchiveReader.open(a.toString(), new Configuration());
    }

    @RepeatedTest(5)
    void aCorruptTileOnAnyWriterFailsTheWholeRestoreAndLeavesNothing() throws IOException {
        Path a = archive();
        List<TileRow> rows = ArchiveDamage.rows(a);
        TileRow victim = rows.get(rows.size() / 3);
        ArchiveDamage.flipBit(a.resolve("packs/" + victim.pack()), (victim.offset() + victim.length() / 2) * 8);
        Path out = dir.resolve("out.h5");
        ArchiveReader reader = open(a);
        TileCheckException e = assertThrows(
                TileCheckException.class,
                () -> Restorer.restore(
                        reader, out.toString(), Region.whole(reader.summary().shape()), false, 4));
        assertTrue(e.getMessage().contains(victim.position()), e.getMessage());
        assertFalse(Files.exists(out), "no partial output");
        assertEquals(List.of(), leftovers());
    }

    /** Bands of one frame each, the last tile's stream damaged: earlier bands are written, then nothing is left. */
    @ParameterizedTest
    @ValueSource(strings = {"v1/many-tiles.pz", "v2/learned.pz"})
    void aCorruptTileInTheLastBandFailsAfterEarlierBandsWereWrittenAndLeavesNothing(String golden) throws IOException {
        Path a = archive(Path.of("src/test/resources/golden-archives", golden));
        List<TileRow> rows = ArchiveDamage.rows(a);
        TileRow last = rows.stream()
                .max(java.util.Comparator.comparingInt(TileRow::t0))
                .orElseThrow();
        ArchiveDamage.flipBit(a.resolve("packs/" + last.pack()), (last.offset() + last.length() / 2) * 8);
        ArchiveReader reader = open(a);
        int[] shape = reader.summary().shape();
        Path out = dir.resolve("out.h5");
        FullDiskSink[] sink = new FullDiskSink[1];
        TileCheckException e = assertThrows(
                TileCheckException.class,
                () -> restore(
                        reader,
                        out,
                        false,
                        s -> sink[0] = new FullDiskSink(s, Long.MAX_VALUE),
                        2L * shape[1] * shape[2]));
        assertTrue(e.getMessage().contains(last.position()), e.getMessage());
        assertTrue(sink[0].written.get() > 0, "earlier bands were written before the last one failed");
        assertFalse(Files.exists(out), "no partial output");
        assertEquals(List.of(), leftovers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/many-tiles.pz", "v2/learned.pz"})
    void aFullDiskMidWriteIsTheDestinationsFaultAndLeavesNothing(String golden) throws IOException {
        ArchiveReader reader = open(archive(Path.of("src/test/resources/golden-archives", golden)));
        int[] shape = reader.summary().shape();
        long bytes = 2L * shape[0] * shape[1] * shape[2];
        Path out = dir.resolve("out.h5");
        FullDiskSink[] sink = new FullDiskSink[1];
        DestinationException e = assertThrows(
                DestinationException.class,
                () -> restore(
                        reader, out, false, s -> sink[0] = new FullDiskSink(s, bytes / 2), 2L * shape[1] * shape[2]));
        assertTrue(e.getMessage().startsWith("Cannot write " + out), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(sink[0].written.get() > 0, "the disk filled up mid-write");
        assertFalse(Files.exists(out));
        assertEquals(List.of(), leftovers());
    }

    /**
     * A real full disk (a small tmpfs: room for the copy of metadata.h5, not for the samples): the library's failure
     * inside a direct chunk write is the destination's, with the system's reason, and nothing is left.
     */
    @Test
    void aRealFullDiskDuringDirectChunkWritesIsTheDestinationsFault() throws Exception {
        ArchiveReader reader = open(archive(CHUNKED));
        Path full = Files.createDirectory(dir.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", full.toString())
                .redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "Skipped: cannot mount a small tmpfs here");
        try {
            Path out = full.resolve("out.h5");
            FullDiskSink[] sink = new FullDiskSink[1];
            DestinationException e = assertThrows(
                    DestinationException.class,
                    () -> restore(
                            reader,
                            out,
                            false,
                            s -> sink[0] = new FullDiskSink(s, Long.MAX_VALUE),
                            Restorer.defaultBandBytes()));
            assertTrue(e.getMessage().startsWith("Cannot write " + out), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertTrue(sink[0].written.get() > 0, "chunks were written before the disk filled up");
            try (Stream<Path> left = Files.list(full)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            new ProcessBuilder("umount", full.toString()).start().waitFor();
        }
    }

    @Test
    void aFailedOverwriteKeepsTheExistingOutput() throws IOException {
        ArchiveReader reader = open(archive());
        Path out = dir.resolve("out.h5");
        byte[] before = {1, 2, 3};
        Files.write(out, before);
        assertThrows(
                DestinationException.class,
                () -> restore(reader, out, true, s -> new FullDiskSink(s, 100), Restorer.defaultBandBytes()));
        assertArrayEquals(before, Files.readAllBytes(out));
        assertThrows(
                java.nio.file.FileAlreadyExistsException.class,
                () -> Restorer.restore(
                        reader, out.toString(), Region.whole(reader.summary().shape()), false, 2));
        assertArrayEquals(before, Files.readAllBytes(out));
    }

    /** Hidden temporary directories a restore left beside its output. */
    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".photonzip-restore"))
                    .toList();
        }
    }
}
