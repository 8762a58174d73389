package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quality.json keeps non-finite figures (a frame without error has PSNR +∞; SSIM of a tiny frame is NaN). */
class QualityFileTest {
    @Test
    void nonFiniteFiguresSurviveTheRoundTrip(@TempDir Path dir) throws Exception {
        double inf = Double.POSITIVE_INFINITY;
        QualityData q = new QualityData(
                List.<String[]>of(new String[] {"mode", "error-bounded (lossy)"}),
                new QualityData.Frames(
                        new double[] {0, 3},
                        new double[] {0, 1.5},
                        new double[] {Double.NaN, 0.3},
                        new double[] {inf, 80},
                        new double[] {inf, 60},
                        new double[] {Double.NaN, 0.99}),
                new String[] {"flat", "projection"},
                new QualityData.Histogram(new double[] {0}, new double[] {1}, new double[] {1}, 0),
                null,
                List.of(),
                null);
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());
        assertNull(QualityFile.read(fs, root), "no quality.json: a lossless archive");
        QualityFile.write(fs, root, q);
        QualityData back = QualityFile.read(fs, root);
        assertEquals(inf, back.frames().psnr()[0]);
        assertTrue(Double.isNaN(back.frames().ssim()[0]));
        assertEquals(0.99, back.frames().ssim()[1]);
        assertEquals("error-bounded (lossy)", back.overall().get(0)[1]);
        String csv = Files.readString(dir.resolve(QualityFile.FRAMES));
        assertTrue(
                csv.startsWith(
                        "frame,kind,max_abs_error,rmse,rmse_over_sigma,psnr,psnr_range,ssim\n0,flat,0,0,nan,inf,inf,nan\n"),
                csv);
    }
}
