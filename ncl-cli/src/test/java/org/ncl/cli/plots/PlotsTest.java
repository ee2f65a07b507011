// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;

/** The pictures without a model: sizes, PNG round trips, and that they draw what they are given. */
class PlotsTest {

    @Test
    void scatterIsAPanelWithTheGroupColours(@TempDir Path dir) throws Exception {
        Map<String, Map.Entry<String, Color>> series = new LinkedHashMap<>();
        series.put("a", new AbstractMap.SimpleImmutableEntry<>("class a", Color.RED));
        series.put("b", new AbstractMap.SimpleImmutableEntry<>("class b", Color.BLUE));
        double[] x = new double[200];
        double[] y = new double[200];
        String[] g = new String[200];
        for (int i = 0; i < 200; i++) {
            x[i] = i % 2 == 0 ? -1 - i / 400.0 : 1 + i / 400.0;
            y[i] = i / 100.0;
            g[i] = i % 2 == 0 ? "a" : "b";
        }
        BufferedImage img = Plots.scatter("t", x, y, g, series, "x", "y");
        assertEquals(Plots.PANEL_WIDTH, img.getWidth());
        assertEquals(Plots.PANEL_HEIGHT, img.getHeight());
        assertTrue(countColour(img, Color.RED) > 100, "red markers drawn");
        assertTrue(countColour(img, Color.BLUE) > 100, "blue markers drawn");
        Path png = dir.resolve("scatter.png");
        Plots.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getRGB(10, 10), back.getRGB(10, 10));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void confusionOrdersClustersByTheirMatchedClass() {
        // truth c (2) and d (3) for the unlabeled rows; cluster 1 holds c, cluster 0 holds d
        DiscoveryData data = DiscoveryData.builder(1)
                .features(new float[8])
                .knownLabels(new int[] {0, 1, -1, -1, -1, -1, -1, -1}, List.of("a", "b"))
                .groundTruth(new int[] {0, 1, 2, 2, 2, 3, 3, 3}, List.of("a", "b", "c", "d"))
                .build();
        int[] novel = {0, 0, 1, 1, 1, 0, 0, 1};
        List<NclPrediction> p = new java.util.ArrayList<>();
        for (int c : novel) {
            float[] np = new float[2];
            np[c] = 1;
            p.add(new NclPrediction(2 + c, "novel-" + c, true, new float[4], 0, c, np));
        }
        BufferedImage img = ModelPlots.confusion(data, p);
        assertEquals(Plots.CONFUSION_WIDTH, img.getWidth());
        assertEquals(Plots.CONFUSION_HEIGHT, img.getHeight());
        assertEquals(ModelPlots.novelMatching(data, p).classOf(1).getAsInt(), 2, "cluster 1 is matched to c");
    }

    @Test
    void curvesDrawEveryStageAndANoteWithoutMetrics() {
        List<EpochReport> history = List.of(
                new EpochReport(
                        Stage.PRETRAIN, 0, 2, Map.of("infoNce", 4.0, "total", 4.0), Map.of(), Double.NaN, 100, 1),
                new EpochReport(
                        Stage.PRETRAIN, 1, 2, Map.of("infoNce", 3.0, "total", 3.0), Map.of(), Double.NaN, 100, 1),
                new EpochReport(
                        Stage.DISCOVERY, 0, 1, Map.of("bce", 0.5, "ncl", 2.0, "total", 2.5), Map.of(), 0.3, 50, 2));
        BufferedImage img = Plots.trainingCurves(history);
        assertEquals(ModelPlots.CURVES_WIDTH, img.getWidth());
        assertEquals(Plots.CURVE_HEIGHT, img.getHeight());
        BufferedImage none = Plots.trainingCurves(List.of(history.get(0)));
        assertEquals(ModelPlots.CURVES_WIDTH, none.getWidth());
        assertNotEquals(countColour(img, Color.WHITE), countColour(none, Color.WHITE));
    }

    @Test
    void sampleIsSortedDistinctAndSeeded() {
        int[] s = ModelPlots.sample(10_000, 2000, 1);
        assertEquals(2000, s.length);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] > s[i - 1]);
        }
        assertEquals(
                List.of(0, 1, 2),
                java.util.Arrays.stream(ModelPlots.sample(3, 2000, 1)).boxed().toList());
        assertTrue(java.util.Arrays.equals(s, ModelPlots.sample(10_000, 2000, 1)));
    }

    private static int countColour(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
