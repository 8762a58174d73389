package org.photonzip.archive;

import java.io.IOException;
import java.util.ServiceLoader;
import org.apache.hadoop.fs.Path;

/**
 * Where tests make a commit's directory rename go wrong on purpose (the storage drops the connection before,
 * during or after the rename). Production installs none: implementations live in the test tree and are found with
 * {@link ServiceLoader} there only.
 */
public interface RenameFaults {
    /**
     * Performs, or pretends to perform, the rename of {@code src} to {@code dst}; {@code rename} is the real one.
     * An implementation may run it or not, do something else to the file system, and then throw.
     */
    void rename(Path src, Path dst, Rename rename) throws IOException;

    /** The real rename. */
    interface Rename {
        void run() throws IOException;
    }

    RenameFaults NONE = (src, dst, rename) -> rename.run();

    static RenameFaults installed() {
        return Holder.INSTALLED;
    }

    /** Loaded once per JVM. */
    final class Holder {
        static final RenameFaults INSTALLED =
                ServiceLoader.load(RenameFaults.class).findFirst().orElse(NONE);

        private Holder() {}
    }
}
