package org.photonzip.spark.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.StagingOwner;

/** Executor-local scratch a killed process left is removed by the next task; a live or unowned one is left. */
class CampaignScratchTest {
    @Test
    void theNextTaskRemovesTheScratchOfADeadProcessOnly(@TempDir java.nio.file.Path tmp) throws Exception {
        FileSystem fs =
                FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()).getRaw();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        java.nio.file.Path dead = Files.createDirectory(tmp.resolve(CampaignScratch.PREFIX + "dead"));
        new StagingOwner(java.net.InetAddress.getLocalHost().getHostName(), gone.pid(), 0)
                .write(fs, new Path(dead.toUri()));
        Files.write(dead.resolve("scan.h5"), new byte[1024]);
        java.nio.file.Path live = Files.createDirectory(tmp.resolve(CampaignScratch.PREFIX + "live"));
        StagingOwner.current().write(fs, new Path(live.toUri()));
        java.nio.file.Path unowned = Files.createDirectory(tmp.resolve(CampaignScratch.PREFIX + "unowned"));
        java.nio.file.Path other = Files.createDirectory(tmp.resolve("someone-else"));

        java.nio.file.Path mine = CampaignScratch.create(tmp);

        assertTrue(StagingOwner.read(fs, new Path(mine.toUri())) != null, "the new scratch records its owner");
        try (Stream<java.nio.file.Path> s = Files.list(tmp)) {
            assertEquals(
                    Stream.of(live, unowned, other, mine)
                            .map(p -> p.getFileName().toString())
                            .sorted()
                            .toList(),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(List.of(), CampaignScratch.removeAbandoned(tmp));
    }
}
