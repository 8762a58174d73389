package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --learned-min-saving is checked before any work: it needs a learned model and a share of 0..99 %. */
class LearnedSavingOptionTest extends CommandTest {
    @Test
    void theOptionNeedsALearnedModelAndAPercentage() {
        assertEquals(2, run("compress", "in.h5", "out.pz", "--learned-min-saving", "3"));
        assertTrue(
                err.toString().contains("--learned-min-saving needs --model learned or a model FILE"), err.toString());
        assertEquals(2, run("compress", "in.h5", "out.pz", "--model", "learned", "--learned-min-saving", "120"));
        assertTrue(err.toString().contains("Invalid --learned-min-saving 120: expected 0..99"), err.toString());
    }
}
