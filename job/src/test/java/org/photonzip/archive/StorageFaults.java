package org.photonzip.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;

/**
 * Test fault: a storage that drops the connection around the next rename onto an armed target. Arming is per
 * target path and used once, so tests that do not arm it see the real rename.
 */
public final class StorageFaults implements RenameFaults {
    /** What the storage does before the connection drops. */
    public enum Fault {
        /** Nothing happened: the source is where it was. */
        BEFORE,
        /** The rename happened; only its reply was lost. */
        AFTER,
        /** The source vanished from both places (moved to a sibling "lost-by-the-storage"). */
        LOSES_SOURCE
    }

    private static final Map<String, Fault> ARMED = new ConcurrentHashMap<>();

    public static void arm(Path target, Fault fault) {
        ARMED.put(key(target), fault);
    }

    public static void disarm(Path target) {
        ARMED.remove(key(target));
    }

    @Override
    public void rename(Path src, Path dst, Rename rename) throws IOException {
        Fault fault = ARMED.remove(key(dst));
        if (fault == null) {
            rename.run();
            return;
        }
        switch (fault) {
            case AFTER -> rename.run();
            case LOSES_SOURCE -> {
                java.nio.file.Path from = java.nio.file.Path.of(src.toUri());
                Files.move(from, from.resolveSibling("lost-by-the-storage"));
            }
            case BEFORE -> {}
        }
        throw new IOException("Connection reset during rename (" + fault + ")");
    }

    private static String key(Path p) {
        return p.toUri().getPath().replaceAll("/+$", "");
    }
}
