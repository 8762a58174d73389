package org.photonzip.cli;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.apache.spark.SparkException;

/** Turns what a command caught into one clear line: the cause's own message, not a Spark stack dump. */
final class Failures {
    private Failures() {}

    static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "Cannot read " + n.getFile() + ": " + (n.getReason() == null ? "no such file" : n.getReason());
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "Cannot write " + f.getFile() + ": " + (f.getReason() == null ? "it exists" : f.getReason());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkException && t.getCause() == null && t.getMessage() != null) {
                return fromSpark(t.getMessage());
            }
        }
        if (!(e instanceof org.photonzip.codec.PhotonzipException)
                && !(e instanceof java.io.IOException)
                && !(e instanceof IllegalArgumentException)
                && !(e instanceof java.io.UncheckedIOException)) {
            return "internal error: " + e; // not a failure photonzip raises on purpose: keep the type for the report
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * A failed task's exception reaches the driver as text inside "Job aborted due to stage failure: ... most recent
     * failure: Lost task ...): java.io.IOException: Cannot read ...". Keep the exception's message.
     */
    static String fromSpark(String message) {
        int at = message.indexOf("): ");
        String rest = at >= 0 ? message.substring(at + 3) : message;
        int newline = rest.indexOf('\n');
        String first = newline >= 0 ? rest.substring(0, newline) : rest;
        int colon = first.indexOf(": ");
        boolean qualified = colon > 0 && first.substring(0, colon).matches("[\\w.$]+(Exception|Error|Failure)");
        return qualified ? first.substring(colon + 2) : first;
    }
}
