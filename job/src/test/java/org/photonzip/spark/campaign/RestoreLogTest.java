package org.photonzip.spark.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which outputs earlier runs restored: the last done line per output over finished runs' files and the per-line
 * objects of a run killed on an object store, in run order; failed lines and torn lines say nothing.
 */
class RestoreLogTest {
    private static RestoreRecord done(String run, String output, String sha) {
        return new RestoreRecord(
                run, 1, 1, "a.pz", "d", output, new int[] {1, 2, 3}, "0:1,0:2,0:3", 10, sha, 1, "done", null, false);
    }

    @Test
    void theLastDoneRecordOfEachOutputWins(@TempDir Path dir) throws Exception {
        Path log = Files.createDirectories(dir.resolve(RestoreLog.DIRECTORY));
        Files.write(
                log.resolve("20261201T000000Z-aaaa.jsonl"),
                concat(
                        done("1", "file:/o/a.h5", "s1").toJsonLine(),
                        done("1", "file:/o/b.h5", "s2").toJsonLine(),
                        "{\"run_id\":\"1\",\"out".getBytes()));
        Path parts = Files.createDirectories(log.resolve("20261202T000000Z-bbbb")); // killed on an object store
        Files.write(parts.resolve("00001.json"), done("2", "file:/o/a.h5", "s3").toJsonLine());
        Files.write(
                parts.resolve("00002.json"),
                RestoreRecord.failed("2", 2, 2, "b.pz", "d", "file:/o/b.h5", 1, "Cannot read b.pz", false)
                        .toJsonLine());
        Map<String, RestoreRecord> before = RestoreLog.restoredBefore(dir.toString(), new Configuration());
        assertEquals("s3", before.get("file:/o/a.h5").outputSha256());
        assertEquals("s2", before.get("file:/o/b.h5").outputSha256());
        assertFalse(before.containsKey("file:/o/c.h5"));
        assertEquals(2, before.size());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
