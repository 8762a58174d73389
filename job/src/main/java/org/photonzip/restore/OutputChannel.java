package org.photonzip.restore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the restore's output for writing samples at positions; tests substitute a failing one. */
interface OutputChannel {
    OutputChannel FILES = file -> FileChannel.open(file, StandardOpenOption.WRITE);

    FileChannel open(Path file) throws IOException;
}
