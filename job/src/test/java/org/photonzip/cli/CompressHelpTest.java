package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompressHelpTest {
    @Test
    void helpPrintsNoPicocliWarningsAndTheTaskMemoryDefault() {
        PrintStream saved = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        int rc;
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8)); // picocli's tracer writes here
            CommandLine cli = Photonzip.commandLine();
            cli.setOut(new PrintWriter(out, true));
            rc = cli.execute("compress", "--help");
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, rc);
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertFalse(err.contains("picocli WARN"), err);
        assertTrue(
                out.toString().replaceAll("\\s+", " ").contains("else 30% of an executor's heap per core"),
                out.toString());
    }

    @Test
    void learnedIsNotRefusedWhereTensorFlowIsPresent() {
        // The refusal itself runs in StandaloneClusterIT, where the driver lacks the jars; here they are present and
        // the natives load, so the check lets learned and tf through.
        org.photonzip.options.TensorFlowCheck.require(org.photonzip.options.ModelChoice.parse("learned"));
        org.photonzip.options.TensorFlowCheck.require(
                org.photonzip.options.ModelChoice.parse("auto").withInference("tf"));
    }
}
