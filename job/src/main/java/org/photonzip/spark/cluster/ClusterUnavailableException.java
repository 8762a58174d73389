package org.photonzip.spark.cluster;

/**
 * No executor was accepted within the timeout. {@link #neverFits()} says whether no alive worker could ever host
 * the executor asked for (a configuration error: exit 2) or the workers that could are busy (exit 1: retry later).
 */
public final class ClusterUnavailableException extends RuntimeException {
    private final boolean neverFits;

    public ClusterUnavailableException(String message, boolean neverFits) {
        super(message);
        this.neverFits = neverFits;
    }

    public boolean neverFits() {
        return neverFits;
    }
}
