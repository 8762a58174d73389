package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRenderingTest {

    @Test
    void everyPlotRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("report.html");
        Files.writeString(page, ReportPage.render(ReportPageTest.sample()));
        String dom = HeadlessBrowser.dumpDom(page, dir);
        Matcher m = Pattern.compile("<img id=\"([a-z-]+)\"[^>]*data-rendered=\"([^\"]+)\"")
                .matcher(dom);
        int rendered = 0;
        while (m.find()) {
            assertEquals(Charts.WIDTH + "x" + Charts.HEIGHT, m.group(2), "plot " + m.group(1));
            rendered++;
        }
        assertEquals(4, rendered, "all four plots decoded by the browser");
        assertTrue(dom.contains("data-key=\"bits/pixel\">10.23<"), "summary visible in the rendered page");
    }
}
