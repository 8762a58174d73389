package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.source.ScanNoise;
import org.photonzip.source.StackSpec;
import picocli.CommandLine;

/** {@code photonzip bench} end to end on a small generated HDF5 stack, with the baseline codecs only. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Photonzip.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** A 12x20x30 stack at /entry/data/data and, like the generator writes, its noiseless /entry/data/intensity. */
    private Path generatedStack() {
        Random random = new Random(3);
        short[][][] counts = new short[12][20][30];
        float[][][] intensity = new float[12][20][30];
        for (int t = 0; t < 12; t++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 30; x++) {
                    intensity[t][y][x] = 1000 + 40 * x + 7 * y + t;
                    counts[t][y][x] = (short)
                            Math.round(intensity[t][y][x] + Math.sqrt(intensity[t][y][x]) * random.nextGaussian());
                }
            }
        }
        Path file = dir.resolve("gen.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            WritableGroup data = f.putGroup("entry").putGroup("data");
            data.putDataset(
                    "data", counts, DatasetCreationOptions.builder().unsigned().build());
            data.putDataset("intensity", intensity);
        }
        return file;
    }

    @Test
    void printsTableAndAppendsCsv() throws IOException {
        Path stack = generatedStack();
        Path csv = dir.resolve("bench.csv");
        Run run = bench(stack + "@2:12", "--tile", "4x16x16", "--codecs", "zstd-3,deflate", "--csv", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("gen.h5:/entry/data/data@2:12"), out);
        assertTrue(out.contains("10 x 20 x 30 uint16"), out);
        assertTrue(out.contains("12,000 bytes; 12 tiles of up to 4x16x16"), out);
        assertTrue(out.contains("bits/px") && out.contains("ratio") && out.contains("enc MB/s"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("zstd-3 ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("deflate-6 ")), out);
        // The noise-floor class lives on another branch: its row says n/a until it is on the class path.
        assertTrue(out.lines().anyMatch(l -> l.startsWith("noise floor")), out);
        // Progress on stderr (issue 18: bench said nothing for half an hour): the stack, its tiles, each codec.
        String err = run.err();
        assertTrue(
                err.contains("bench: " + stack + ":/entry/data/data@2:12: 10 x 20 x 30, 12 tiles of up to 4x16x16, "
                        + "codecs zstd-3, deflate-6"),
                err);
        assertTrue(err.contains("12/12 tiles (100%)"), err);
        assertTrue(err.lines().anyMatch(l -> l.matches("bench: .*@2:12: zstd-3 done: \\d+\\.\\d{3} bits/px, .*")), err);
        assertTrue(err.lines().anyMatch(l -> l.matches("bench: .*@2:12: deflate-6 done: .*")), err);

        bench(stack.toString(), "--tile", "4x16x16", "--codecs", "zstd-3", "--csv", csv.toString());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(
                "stack,codec,bpp,ratio,encode_mbps,decode_mbps,max_error,rmse,rmse_over_sigma,psnr_db", rows.get(0));
        assertEquals(1, rows.stream().filter(r -> r.startsWith("stack,")).count());
        assertTrue(rows.stream().anyMatch(r -> r.contains("@2:12,deflate-6,")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("gen.h5:/entry/data/data,zstd-3,")), rows.toString());
        String[] fields = rows.stream()
                .filter(r -> r.contains(",zstd-3,"))
                .findFirst()
                .orElseThrow()
                .split(",");
        double bpp = Double.parseDouble(fields[2]);
        assertTrue(bpp > 4 && bpp < 16, String.valueOf(bpp));
    }

    @Test
    void photonzipRowAppearsEvenBeforeTheCodecExists() {
        Run run = bench(generatedStack().toString(), "--codecs", "photonzip,deflate-1", "--max-frames", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("photonzip ")), run.out());
        assertTrue(run.out().contains("3 x 20 x 30"), run.out());
    }

    @Test
    void badInputsGiveMessagesAndExitCodes() {
        Path stack = generatedStack();
        Run missing = bench(dir.resolve("absent.h5").toString(), "--codecs", "zstd-3");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("absent.h5"), missing.err());

        Run badCodec = bench(stack.toString(), "--codecs", "zstd-3,brotli");
        assertEquals(2, badCodec.exitCode());
        assertTrue(badCodec.err().contains("brotli"), badCodec.err());

        Run badTile = bench(stack.toString(), "--tile", "64x256");
        assertEquals(2, badTile.exitCode());
        assertTrue(badTile.err().contains("64x256"), badTile.err());

        Run badDataset = bench(stack + ":/entry/data/intensity", "--codecs", "zstd-3");
        assertEquals(1, badDataset.exitCode());
        assertTrue(badDataset.err().contains("float32"), badDataset.err());
    }

    /** 12 frames of 40x60 with intensities 1,000..48,000 across and Poisson-like noise (variance = intensity). */
    private Path rampStack() {
        Random random = new Random(5);
        short[][][] counts = new short[12][40][60];
        for (int t = 0; t < 12; t++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 60; x++) {
                    double mean = 1000 + 800 * x + 3 * y;
                    counts[t][y][x] = (short) Math.round(mean + Math.sqrt(mean) * random.nextGaussian());
                }
            }
        }
        Path file = dir.resolve("ramp.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putGroup("entry")
                    .putGroup("data")
                    .putDataset(
                            "data",
                            counts,
                            DatasetCreationOptions.builder().unsigned().build());
        }
        return file;
    }

    @Test
    void boundedRowsReportTheirDistortion() throws IOException {
        Path csv = dir.resolve("rd.csv");
        Run run = bench(
                rampStack().toString(),
                "--codecs",
                "photonzip",
                "--error-bounds",
                "0,3",
                "--noise-bounds",
                "1",
                "--csv",
                csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("noise  gain"), run.out());
        assertTrue(run.out().contains("max err") && run.out().contains("PSNR dB"), run.out());
        List<String[]> rows = Files.readAllLines(csv).stream()
                .skip(1)
                .map(r -> r.split(",", -1))
                .toList();
        String[] lossless =
                rows.stream().filter(r -> r[1].equals("photonzip")).findFirst().orElseThrow();
        String[] e0 = rows.stream()
                .filter(r -> r[1].equals("photonzip-e0"))
                .findFirst()
                .orElseThrow();
        String[] e3 = rows.stream()
                .filter(r -> r[1].equals("photonzip-e3"))
                .findFirst()
                .orElseThrow();
        String[] k1 = rows.stream()
                .filter(r -> r[1].equals("photonzip-k1"))
                .findFirst()
                .orElseThrow();
        assertEquals("0", lossless[6]);
        assertEquals("0", e0[6]);
        int e3Max = Integer.parseInt(e3[6]);
        assertTrue(e3Max >= 1 && e3Max <= 3, String.join(",", e3));
        // σ = √I here, so K = 1 allows between ~30 and ~220 counts: the fitted model must be close
        int k1Max = Integer.parseInt(k1[6]);
        assertTrue(k1Max > 150 && k1Max < 260, String.join(",", k1));
        // against the fitted model, which is close to but not exactly σ² = I (1/√3 for the exact one)
        double rmseOverSigma = Double.parseDouble(k1[8]);
        assertTrue(rmseOverSigma > 0.3 && rmseOverSigma < 2, String.join(",", k1) + "\n" + run.out());
        assertTrue(Double.parseDouble(e3[2]) < Double.parseDouble(lossless[2]));
        assertTrue(Double.parseDouble(k1[2]) < Double.parseDouble(e3[2]));
    }

    @Test
    void badBoundsAreRefusedBeforeAnyWork() {
        Path stack = generatedStack();
        for (String[] args : new String[][] {
            {"--error-bounds", "-1"},
            {"--error-bounds", "65536"},
            {"--error-bounds", "four"},
            {"--noise-bounds", "0"},
            {"--noise-bounds", "16"},
            {"--noise-bounds", "NaN"},
            {"--noise-bounds", "-0.5"},
            {"--flats", stack.toString()}
        }) {
            String[] all = new String[args.length + 3];
            all[0] = stack.toString();
            all[1] = "--codecs";
            all[2] = "photonzip";
            System.arraycopy(args, 0, all, 3, args.length);
            Run run = bench(all);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("Invalid") || run.err().contains("four"), run.err());
            assertTrue(!run.out().contains("bits/px"), "refused before any work: " + run.out());
        }
    }

    @Test
    void noiseRowIsUnavailableWithoutANoiseModel() {
        // two frames have no second differences, and the file has no flats or darks: no noise model
        Run run = bench(twoFrameStack().toString(), "--codecs", "photonzip", "--noise-bounds", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("photonzip-k1") && run.out().contains("no noise model"), run.out());
    }

    @Test
    void benchFitsTheNoiseModelCompressFits() throws IOException {
        // flats and darks interleaved in the stack (image_key): compress fits from them, and bench must too
        // (it used to ignore image_key and fit the second differences of all frames, flats and darks included)
        Path stack = keyedStack();
        ScanNoise compress = ScanNoise.fit(StackSpec.parse(stack.toString()), HadoopFiles.newConfiguration());
        assertTrue(compress.origin().contains("image_key"), compress.origin());
        Run run = bench(stack.toString(), "--codecs", "photonzip", "--noise-bounds", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out().contains("noise  " + compress.model().describe() + ", from " + compress.origin()), run.out());
    }

    @Test
    void givenFlatsAndDarksGoThroughTheSameFit() throws IOException {
        // the same frames named as --flats/--darks give the model compress fits from image_key, to the bit
        Path stack = keyedStack();
        ScanNoise compress = ScanNoise.fit(StackSpec.parse(stack.toString()), HadoopFiles.newConfiguration());
        Run run = bench(
                stack + "@10:20",
                "--codecs",
                "photonzip",
                "--noise-bounds",
                "1",
                "--flats",
                stack + "@4:10",
                "--darks",
                stack + "@0:4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out().contains("noise  " + compress.model().describe() + ", from flats " + stack + "@4:10"),
                run.out());
    }

    /** Two frames of 20x30, nothing else in the file. */
    private Path twoFrameStack() {
        short[][][] counts = new short[2][20][30];
        for (int t = 0; t < 2; t++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 30; x++) {
                    counts[t][y][x] = (short) (1000 + 40 * x + 7 * y + t);
                }
            }
        }
        Path file = dir.resolve("two.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putGroup("entry")
                    .putGroup("data")
                    .putDataset(
                            "data",
                            counts,
                            DatasetCreationOptions.builder().unsigned().build());
        }
        return file;
    }

    /**
     * 4 darks (100 counts, σ = 2), 6 flats (1,000..48,000 across, variance = intensity) and 10 projections of
     * a moving scene, with a NeXus image_key saying which is which.
     */
    private Path keyedStack() {
        Random random = new Random(9);
        short[][][] counts = new short[20][40][60];
        int[] key = new int[20];
        for (int t = 0; t < 20; t++) {
            key[t] = t < 4 ? 2 : t < 10 ? 1 : 0;
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 60; x++) {
                    double mean = key[t] == 2
                            ? 100
                            : key[t] == 1 ? 1000 + 800 * x + 3 * y : 5000 + 3000 * Math.sin((x + 5 * t) / 4.0) + 20 * y;
                    double sigma = key[t] == 2 ? 2 : Math.sqrt(mean);
                    counts[t][y][x] = (short) Math.round(mean + sigma * random.nextGaussian());
                }
            }
        }
        Path file = dir.resolve("keyed.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            WritableGroup data = f.putGroup("entry").putGroup("data");
            data.putDataset(
                    "data", counts, DatasetCreationOptions.builder().unsigned().build());
            data.putDataset("image_key", key);
        }
        return file;
    }
}
