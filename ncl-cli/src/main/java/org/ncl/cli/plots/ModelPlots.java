// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli.plots;

import static org.ncl.core.options.NclOptions.SEED;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusterMatching;
import org.ncl.core.metrics.ClusterMetrics;
import org.ncl.core.metrics.Contingency;
import org.ncl.core.nn.Inference;

/**
 * The pictures of a trained model on a data set, written next to the model by {@code ncl discover} and
 * {@code ncl plot}:
 *
 * <ul>
 *   <li>{@value #EMBEDDING}: the learned embedding (the L2-normalised features z that NCL's contrastive terms
 *       work on) of up to {@value #MAX_POINTS} rows, projected to 2-D by PCA ({@link Pca}); left panel coloured by
 *       what the model found (labeled rows by their known class, the other rows by their novel cluster, each
 *       novel cluster in the colour of the true class Hungarian matching gives it), right panel, when the data has
 *       ground truth, by true class. {@link #EMBEDDING_WIDTH} (two panels) or {@link Plots#PANEL_WIDTH} wide.</li>
 *   <li>{@value #CONFUSION}: novel clusters (novel head, unlabeled rows) against true classes, the columns
 *       ordered by the Hungarian matching ({@link ClusterMetrics#matching}, counts from {@link Contingency}), so
 *       matched pairs lie on the diagonal; only with ground truth and unlabeled rows.</li>
 *   <li>{@value #CURVES}: loss terms and metrics per epoch from the model's provenance.</li>
 * </ul>
 */
public final class ModelPlots {

    /** File name of the embedding map. */
    public static final String EMBEDDING = "embedding.png";
    /** File name of the confusion matrix. */
    public static final String CONFUSION = "confusion.png";
    /** File name of the training curves. */
    public static final String CURVES = "training-curves.png";
    /** At most this many rows are drawn in the embedding map (a fixed random sample). */
    public static final int MAX_POINTS = 2000;
    /** Width of the embedding map with its two panels. */
    public static final int EMBEDDING_WIDTH = 2 * Plots.PANEL_WIDTH;
    /** Width of the training curves (two panels). */
    public static final int CURVES_WIDTH = 2 * Plots.CURVE_WIDTH;

    private ModelPlots() {}

    /**
     * Writes the pictures into {@code dir}.
     *
     * @param predictions the model's predictions for every row of {@code data}, in order
     * @return the files written
     */
    public static List<Path> write(NclModel model, DiscoveryData data, List<NclPrediction> predictions, Path dir)
            throws IOException {
        if (predictions.size() != data.numRows()) {
            throw new IllegalArgumentException(predictions.size() + " predictions for " + data.numRows() + " rows");
        }
        List<Path> files = new ArrayList<>();
        Path curves = dir.resolve(CURVES);
        Plots.writePng(Plots.trainingCurves(model.provenance().history()), curves);
        files.add(curves);
        Path embedding = dir.resolve(EMBEDDING);
        Plots.writePng(embedding(model, data, predictions), embedding);
        files.add(embedding);
        if (data.hasGroundTruth() && data.unlabeledRows().length > 0) {
            Path confusion = dir.resolve(CONFUSION);
            Plots.writePng(confusion(data, predictions), confusion);
            files.add(confusion);
        }
        return files;
    }

    /** The embedding map (see the class comment). */
    public static BufferedImage embedding(NclModel model, DiscoveryData data, List<NclPrediction> predictions) {
        int[] rows = sample(data.numRows(), MAX_POINTS, model.options().get(SEED));
        DiscoveryData s = data.subset(rows);
        Inference.Outputs out = model.outputs(s.features());
        Pca pca = Pca.project(out.normalisedFeatures(), out.d(), 2);
        double[] x = new double[rows.length];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = pca.coordinate(i, 0);
            y[i] = pca.coordinate(i, 1);
        }
        String xTitle = String.format(Locale.ROOT, "PC1 (%.0f %% of variance)", 100 * pca.explainedVariance()[0]);
        String yTitle = String.format(Locale.ROOT, "PC2 (%.0f %% of variance)", 100 * pca.explainedVariance()[1]);

        boolean taskAware = data.labeledRows().length > 0;
        List<String> known = model.knownClassNames();
        int cu = model.numNovelClasses();
        // the colour of each true class, and the true class each novel cluster is matched to
        List<String> truthNames = data.hasGroundTruth() ? data.groundTruthNames() : List.of();
        String[] matched = new String[cu];
        if (data.hasGroundTruth() && data.unlabeledRows().length > 0) {
            ClusterMatching m = novelMatching(data, predictions);
            for (int k = 0; k < cu; k++) {
                OptionalInt c = m.classOf(k);
                matched[k] = c.isPresent() ? truthNames.get(c.getAsInt()) : null;
            }
        }
        Map<String, Map.Entry<String, Color>> found = new LinkedHashMap<>();
        for (int j = 0; j < known.size(); j++) {
            int t = truthNames.indexOf(known.get(j));
            found.put(known.get(j), entry(known.get(j), Plots.colour(t >= 0 ? t : j)));
        }
        for (int k = 0; k < cu; k++) {
            String name = NclModel.novelName(k);
            Color c = matched[k] == null
                    ? (data.hasGroundTruth() ? Plots.UNMATCHED : Plots.colour(known.size() + k))
                    : Plots.colour(truthNames.indexOf(matched[k]));
            found.put(name, entry(matched[k] == null ? name : name + " (" + matched[k] + ")", c));
        }
        String[] group = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            NclPrediction p = predictions.get(rows[i]);
            int label = s.knownLabel(i);
            group[i] = !taskAware ? p.label() : label >= 0 ? known.get(label) : NclModel.novelName(p.novelCluster());
        }
        String title = taskAware ? "found: known labels and novel clusters" : "predicted (both heads)";
        BufferedImage left = Plots.scatter(title, x, y, group, found, xTitle, yTitle);
        if (!data.hasGroundTruth()) {
            return left;
        }
        Map<String, Map.Entry<String, Color>> truth = new LinkedHashMap<>();
        for (int t = 0; t < truthNames.size(); t++) {
            String name = truthNames.get(t);
            truth.put(name, entry(known.contains(name) ? name : name + " (novel)", Plots.colour(t)));
        }
        String[] truthGroup = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            truthGroup[i] = truthNames.get(s.groundTruth()[i]);
        }
        BufferedImage right = Plots.scatter("true classes", x, y, truthGroup, truth, xTitle, yTitle);
        return Plots.sideBySide(left, right);
    }

    /** The confusion matrix of the novel clusters on the unlabeled rows (see the class comment). */
    public static BufferedImage confusion(DiscoveryData data, List<NclPrediction> predictions) {
        int[] rows = data.unlabeledRows();
        int[] truth = new int[rows.length];
        int[] cluster = new int[rows.length];
        int cu = predictions.get(0).novelProbabilities().length;
        for (int i = 0; i < rows.length; i++) {
            truth[i] = data.groundTruth()[rows[i]];
            cluster[i] = predictions.get(rows[i]).novelCluster();
        }
        Contingency table = Contingency.of(truth, cluster);
        ClusterMatching matching = ClusterMetrics.matching(table);
        int[] classes = table.classes();
        List<String> names = data.groundTruthNames();
        // columns: every novel cluster, ordered by the row of its matched class; unmatched ones last
        Integer[] order = new Integer[cu];
        Arrays.setAll(order, k -> k);
        Arrays.sort(
                order,
                Comparator.comparingInt((Integer k) -> {
                            OptionalInt c = matching.classOf(k);
                            return c.isPresent() ? table.rowOf(c.getAsInt()) : Integer.MAX_VALUE;
                        })
                        .thenComparingInt(k -> k));
        long[][] counts = new long[classes.length][cu];
        List<String> columnNames = new ArrayList<>();
        for (int col = 0; col < cu; col++) {
            int k = order[col];
            OptionalInt c = matching.classOf(k);
            columnNames.add(NclModel.novelName(k) + (c.isPresent() ? " → " + names.get(c.getAsInt()) : ""));
            int tc = table.columnOf(k);
            for (int r = 0; r < classes.length; r++) {
                counts[r][col] = tc < 0 ? 0 : table.count(r, tc);
            }
        }
        List<String> rowNames = new ArrayList<>();
        for (int c : classes) {
            rowNames.add(names.get(c));
        }
        String title = String.format(
                Locale.ROOT,
                "novel clusters vs true classes (%d unlabeled rows, Hungarian ACC %.3f)",
                rows.length,
                matching.accuracy());
        return Plots.confusionMatrix(
                title, counts, rowNames, columnNames, "true class", "novel cluster → matched class");
    }

    /** The Hungarian matching of the novel head's clusters to the true classes on the unlabeled rows. */
    static ClusterMatching novelMatching(DiscoveryData data, List<NclPrediction> predictions) {
        int[] rows = data.unlabeledRows();
        int[] truth = new int[rows.length];
        int[] cluster = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            truth[i] = data.groundTruth()[rows[i]];
            cluster[i] = predictions.get(rows[i]).novelCluster();
        }
        return ClusterMetrics.matching(truth, cluster);
    }

    /** Up to {@code max} distinct row indices in increasing order, a seeded random sample when there are more rows. */
    static int[] sample(int n, int max, long seed) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        if (n <= max) {
            return all;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + r.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] s = Arrays.copyOf(all, max);
        Arrays.sort(s);
        return s;
    }

    private static Map.Entry<String, Color> entry(String legend, Color colour) {
        return new AbstractMap.SimpleImmutableEntry<>(legend, colour);
    }
}
