package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code _owner} in an uncommitted archive: which driver process writes it. It marks the directory as photonzip's
 * (so that a later run may remove it once that driver is gone) and is deleted just before {@code _SUCCESS} is
 * written, so it is never part of a committed archive.
 *
 * @param host    the driver's host name
 * @param pid     the driver's process id
 * @param started when the run began (ms since the epoch)
 */
public record StagingOwner(String host, long pid, long started) {
    public static final String NAME = "_owner";
    static final String TEMPORARY = "_owner.tmp";
    static final String FORMAT = "photonzip-staging";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** This process. */
    public static StagingOwner current() {
        return new StagingOwner(localHost(), ProcessHandle.current().pid(), System.currentTimeMillis());
    }

    public void write(FileSystem fs, Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("host", host)
                .put("pid", pid)
                .put("started", started);
        // Whole or absent: a driver killed while writing it must not leave a torn record (which only age could
        // then clear). On object stores the object appears whole when closed; elsewhere write aside and rename.
        boolean rename = org.photonzip.fs.HadoopFiles.hasAtomicDirectoryRename(dir);
        Path file = new Path(dir, rename ? TEMPORARY : NAME);
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(JSON.writeValueAsBytes(root));
        }
        if (rename && !fs.rename(file, new Path(dir, NAME))) {
            throw new IOException("Cannot write " + new Path(dir, NAME));
        }
    }

    /**
     * The owner recorded in {@code dir}, or null when there is none (or it is not ours). A whole {@code _owner.tmp}
     * counts: its driver was killed between writing it and renaming it.
     */
    public static StagingOwner read(FileSystem fs, Path dir) {
        StagingOwner owner = readFile(fs, new Path(dir, NAME));
        return owner != null ? owner : readFile(fs, new Path(dir, TEMPORARY));
    }

    private static StagingOwner readFile(FileSystem fs, Path file) {
        try (FSDataInputStream in = fs.open(file)) {
            JsonNode root = JSON.readTree(in.readNBytes(1 << 16));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                return null;
            }
            return new StagingOwner(
                    root.path("host").asText(),
                    root.path("pid").asLong(),
                    root.path("started").asLong());
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Alive: a running process on this host; empty when it runs elsewhere, so that only its age can tell. */
    public Optional<Boolean> alive() {
        if (!host.equals(localHost())) {
            return Optional.empty();
        }
        return Optional.of(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Override
    public String toString() {
        return "pid " + pid + " on " + host;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
