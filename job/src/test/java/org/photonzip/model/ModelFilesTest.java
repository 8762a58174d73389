package org.photonzip.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.codec.learned.ModelFile;

/** Issue 18: train wrote the model readable by its owner only (a temporary file's 0600), unlike other outputs. */
class ModelFilesTest {
    @Test
    void aWrittenModelHasThePermissionsOfAnyNewFile(@TempDir Path dir) throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        ModelFile model = ModelFile.parse(
                Files.readAllBytes(Path.of("src/test/resources/golden-archives/v2/learned.pz/model.pzm")));
        Path file = dir.resolve("m.pzm");
        ModelFiles.write(model, file);
        Path plain = Files.createFile(dir.resolve("plain")); // what the umask gives a new file
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assumeTrue(expected.contains(PosixFilePermission.OTHERS_READ), "a umask that lets others read");
        assertEquals(expected, Files.getPosixFilePermissions(file));
        assertArrayEquals(model.toBytes(), Files.readAllBytes(file));
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left beside the model");
        }
    }
}
