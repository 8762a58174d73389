package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.codec.learned.InvalidModelException;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.model.ModelFiles;
import picocli.CommandLine;

/**
 * {@code photonzip train} end to end on a small generated stack; its model drives the bench's learned codecs,
 * and a corrupted or truncated copy is refused with a message naming the problem.
 */
class TrainCommandTest {
    @TempDir
    static Path dir;

    private static Path stack;
    private static Path model;
    private static Run trained;

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Photonzip.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnce() {
        stack = dir.resolve("g.h5");
        model = dir.resolve("model.pzm");
        assertEquals(
                0,
                run(
                                "generate",
                                stack.toString(),
                                "--frames",
                                "40",
                                "--height",
                                "48",
                                "--width",
                                "64",
                                "--seed",
                                "3",
                                "--threads",
                                "1")
                        .exitCode());
        trained = run(
                "train",
                stack.toString(),
                model.toString(),
                "--seconds",
                "30",
                "--epochs",
                "3",
                "--samples",
                "20000",
                "--hidden",
                "8");
    }

    @Test
    void writesAModelThatLoadsAndPrintsProgress() throws Exception {
        assertEquals(0, trained.exitCode(), trained.err());
        String out = trained.out();
        assertTrue(
                out.contains("sampled ") && out.contains("epoch   1  train ") && out.contains("epoch   3  train "),
                out);
        assertTrue(out.contains("bits/px"), out);
        ModelFile m = ModelFiles.read(model);
        assertTrue(
                out.contains("wrote " + model + ": " + String.format("%,d", Files.size(model)) + " bytes, sha256 "
                        + m.hashHex()),
                out);
        assertTrue(out.contains("network 16-8-2") && out.contains("--seed 1 --epochs 3"), out);
        assertTrue(m.metadata().contains("\"trained_on\":\"" + stack + "\""), m.metadata());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void benchRunsTheLearnedCodecsWithTheModel() {
        Run bench = run(
                "bench",
                stack.toString(),
                "--codecs",
                "photonzip,photonzip-learned,photonzip-learned-tf",
                "--model",
                model.toString());
        assertEquals(0, bench.exitCode(), bench.err());
        assertTrue(bench.out().lines().anyMatch(l -> l.startsWith("photonzip-learned ")), bench.out());
        assertTrue(bench.out().lines().anyMatch(l -> l.startsWith("photonzip-learned-tf ")), bench.out());
        assertTrue(bench.out().contains("learned model: from " + model), bench.out());
    }

    @Test
    void aCorruptedOrTruncatedModelIsRefused() throws Exception {
        byte[] good = Files.readAllBytes(model);
        Path corrupt = dir.resolve("corrupt.pzm");
        byte[] bad = good.clone();
        bad[40] ^= 1;
        Files.write(corrupt, bad);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.read(corrupt));
        assertTrue(
                e.getMessage().contains(corrupt.toString()) && e.getMessage().contains("hash mismatch"),
                e.getMessage());

        Run bench = run("bench", stack.toString(), "--codecs", "photonzip-learned", "--model", corrupt.toString());
        assertEquals(2, bench.exitCode());
        assertTrue(bench.err().contains("hash mismatch") && bench.err().contains("corrupt"), bench.err());

        Path truncated = dir.resolve("truncated.pzm");
        Files.write(truncated, java.util.Arrays.copyOf(good, 20));
        assertTrue(assertThrows(InvalidModelException.class, () -> ModelFiles.read(truncated))
                .getMessage()
                .contains("too short"));
    }

    @Test
    void optionErrors() {
        Run noModel = run("bench", stack.toString(), "--codecs", "photonzip-learned");
        assertEquals(2, noModel.exitCode());
        assertTrue(noModel.err().contains("--model FILE or --train-seconds"), noModel.err());
        Run both = run(
                "bench",
                stack.toString(),
                "--codecs",
                "photonzip-learned",
                "--model",
                model.toString(),
                "--train-seconds",
                "5");
        assertEquals(2, both.exitCode());
        Run wide = run("train", stack.toString(), dir.resolve("x.pzm").toString(), "--hidden", "65");
        assertEquals(2, wide.exitCode());
        assertTrue(wide.err().contains("Invalid hidden width 65"), wide.err());
        Run missing = run(
                "train",
                dir.resolve("absent.h5").toString(),
                dir.resolve("x.pzm").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("absent.h5"), missing.err());
    }

    @Test
    void benchTrainsOnTheFly() {
        Run bench = run(
                "bench",
                stack.toString(),
                "--codecs",
                "photonzip,photonzip-learned",
                "--train-seconds",
                "3",
                "--max-frames",
                "24");
        assertEquals(0, bench.exitCode(), bench.err());
        assertTrue(
                bench.out().contains("train: epoch   1") && bench.out().contains("trained on this stack in "),
                bench.out());
    }
}
