package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.training.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code --inference} override and the auto-selection behind it. */
class InferenceOptionTest {
    @Command(name = "encode")
    static final class Encode {
        @Mixin
        InferenceOption inference;
    }

    private static Backends.Selection parse(String... args) {
        Encode e = new Encode();
        new CommandLine(e).parseArgs(args);
        return e.inference.select();
    }

    @Test
    void overridesAndAuto() {
        assertEquals("java", parse("--inference", "java").backend().name());
        assertEquals("tf", parse("--inference", "tf").backend().name());
        Backends.Selection auto = parse();
        assertEquals("tf", auto.backend().name(), "TensorFlow loads on this machine, so auto picks it");
        assertTrue(auto.message().startsWith("inference: tf (auto; TensorFlow "), auto.message());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--inference", "gpu"));
        assertTrue(e.getMessage().contains("auto, java or tf"), e.getMessage());
    }
}
