package org.photonzip.codec.model;

import org.photonzip.codec.learned.ModelFile;

/** Finds the model file a learned tile references by SHA-256 (an archive's stored model, a local file). */
@FunctionalInterface
public interface ModelResolver {
    /** The model with this hash, or null when unknown. */
    ModelFile find(byte[] sha256);

    /** A resolver that knows exactly one model. */
    static ModelResolver of(ModelFile model) {
        return hash -> java.util.Arrays.equals(hash, model.hash()) ? model : null;
    }
}
