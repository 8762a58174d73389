package org.photonzip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.photonzip.archive.ArchiveExistsException;
import org.photonzip.archive.CommitStateUnknownException;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.archive.TileCheckException;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.options.ModelUnavailableException;
import org.photonzip.restore.DestinationException;
import org.photonzip.spark.VerificationFailedException;
import picocli.CommandLine;

/**
 * The one mapping from what a command threw to its exit code and its one-line message (README, "Exit codes").
 * The table is looked up by the exception's class, then its superclasses, then along its causes: the most
 * specific entry wins, whatever the order of the table.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper, CommandLine.IExecutionExceptionHandler {
    static final int OK = 0;
    /** An input or archive cannot be read, or is not valid; an output cannot be written. */
    static final int UNREADABLE = 1;
    /** Invalid options, or the model asked for is unavailable. */
    static final int USAGE = 2;
    /** A tile failed its checks (CRC32C, stream, identity, pixel hash, or the values of the source). */
    static final int TILE_FAILED = 3;

    static final Map<Class<? extends Throwable>, Integer> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(TileCheckException.class, TILE_FAILED);
        TABLE.put(VerificationFailedException.class, TILE_FAILED);
        TABLE.put(InvalidArchiveException.class, UNREADABLE);
        TABLE.put(DestinationException.class, UNREADABLE);
        TABLE.put(ArchiveExistsException.class, UNREADABLE);
        TABLE.put(CommitStateUnknownException.class, UNREADABLE);
        TABLE.put(ModelUnavailableException.class, USAGE);
        TABLE.put(CommandLine.ParameterException.class, USAGE);
        TABLE.put(IllegalArgumentException.class, USAGE);
        TABLE.put(IOException.class, UNREADABLE);
        TABLE.put(UncheckedIOException.class, UNREADABLE);
        TABLE.put(PhotonzipException.class, UNREADABLE);
    }

    /** The exit code for {@code e}; {@link #UNREADABLE} for what the table does not name. */
    static int of(Throwable e) {
        if (e instanceof org.photonzip.spark.cluster.ClusterUnavailableException c) {
            return c.neverFits() ? USAGE : UNREADABLE; // no worker can ever host the executor: fix the options
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                Integer code = TABLE.get(c);
                if (code != null) {
                    return code;
                }
            }
        }
        return UNREADABLE;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return of(exception);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName(" ") + ": " + Failures.message(e));
        err.flush();
        return of(e);
    }
}
