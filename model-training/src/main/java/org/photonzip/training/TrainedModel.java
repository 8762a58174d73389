package org.photonzip.training;

import java.util.List;
import org.photonzip.codec.learned.ModelFile;

/**
 * What training produced: the model file (the network of the best validation epoch), that epoch's losses, and
 * the history.
 */
public record TrainedModel(ModelFile model, EpochReport best, List<EpochReport> epochs, double seconds) {}
