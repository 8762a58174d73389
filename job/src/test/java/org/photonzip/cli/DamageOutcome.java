package org.photonzip.cli;

/**
 * What one reader did with one damaged archive.
 *
 * @param code        its exit code
 * @param message     what it said
 * @param foreign     it failed with an exception type that is not photonzip's own (nor an I/O error)
 * @param hung        it did not finish in time
 * @param wrongPixels it wrote output that differs from the source, or left output behind after failing
 */
record DamageOutcome(int code, String message, boolean foreign, boolean hung, boolean wrongPixels) {
    boolean refused() {
        return code == ExitCodes.UNREADABLE || code == ExitCodes.TILE_FAILED;
    }
}
