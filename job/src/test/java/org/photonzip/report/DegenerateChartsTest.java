package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Charts of data with no spread at a large magnitude (issue 17: the error spectrum of a stack of 0 and 65535
 * under --error-bound 65535 is one ring of power ~10^10, and the chart library refused its zero-length axis,
 * failing the whole compress). Each still renders a PNG.
 */
class DegenerateChartsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void aSpectrumOfOneRingOrOfOnePowerRenders() {
        assertPng(QualityCharts.spectrum(new QualityData.Spectrum(
                new double[] {0.1, 0.25, 0.45}, new double[] {0, 0, 1.8e10}, 0, "structured")));
        assertPng(QualityCharts.spectrum(
                new QualityData.Spectrum(new double[] {0.1, 0.2}, new double[] {4.3e9, 4.3e9}, 1, "white")));
        assertPng(
                QualityCharts.spectrum(new QualityData.Spectrum(new double[] {0.1}, new double[] {1e-9}, 1, "white")));
    }

    @Test
    void aHeatMapOfEqualLargeValuesRenders() {
        assertPng(Charts.tileHeatMap(
                new double[][] {{1e12, 1e12}}, new int[] {0}, new int[] {8}, new int[] {0, 8}, new int[] {8, 8}));
    }

    private static void assertPng(byte[] image) {
        assertTrue(image.length > 100, "an image of " + image.length + " bytes");
        assertArrayEquals(PNG, Arrays.copyOf(image, 4));
    }
}
