package org.ncl.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ncl.core.NclModel;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.metrics.ClusteringScores;

/**
 * The text files the commands write: the predictions CSV ({@link #predictionsCsv}) and JSON for metrics.
 *
 * <p>Predictions CSV columns: {@code row} (0-based), {@code label} (the task-agnostic answer: a known class name
 * or {@code novel-k}), {@code novel} (true for a novel cluster), {@code output} (its index among the C_l + C_u
 * outputs), {@code confidence} (its probability), {@code known_class} (the known head's answer alone; blank for a
 * model without known classes),
 * {@code novel_cluster} (the novel head's cluster id alone, 0..C_u-1, the task-aware answer for rows known to be
 * new), {@code novel_confidence} (that cluster's probability under the novel head), and {@code true_class} when the
 * data has ground truth.
 */
final class Outputs {

    /** The header of the predictions CSV without the optional {@code true_class} column. */
    static final List<String> PREDICTION_COLUMNS = List.of(
            "row", "label", "novel", "output", "confidence", "known_class", "novel_cluster", "novel_confidence");

    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private Outputs() {}

    /** The predictions of {@code model} for the rows of {@code data} as CSV text. */
    static String predictionsCsv(NclModel model, DiscoveryData data, List<NclPrediction> predictions) {
        StringWriter w = new StringWriter();
        boolean truth = data.hasGroundTruth();
        try (CSVPrinter p = new CSVPrinter(
                w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            List<String> header = new java.util.ArrayList<>(PREDICTION_COLUMNS);
            if (truth) {
                header.add("true_class");
            }
            p.printRecord(header);
            for (int i = 0; i < predictions.size(); i++) {
                NclPrediction q = predictions.get(i);
                List<Object> r = new java.util.ArrayList<>(List.of(
                        i,
                        q.label(),
                        q.novel(),
                        q.index(),
                        f4(q.confidence()),
                        model.knownClassNames().isEmpty()
                                ? ""
                                : model.knownClassNames().get(q.knownClass()),
                        q.novelCluster(),
                        f4(q.novelProbabilities()[q.novelCluster()])));
                if (truth) {
                    r.add(data.groundTruthNames().get(data.groundTruth()[i]));
                }
                p.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Scores as a JSON object: accuracy, nmi, ari, n (NaN as NaN). */
    static JsonObject scores(ClusteringScores s) {
        JsonObject o = new JsonObject();
        o.addProperty("accuracy", s.accuracy());
        o.addProperty("nmi", s.nmi());
        o.addProperty("ari", s.ari());
        o.addProperty("n", s.n());
        return o;
    }

    /** The number of rows assigned to each output, as a JSON object in output order. */
    static JsonObject outputCounts(NclModel model, List<NclPrediction> predictions) {
        long[] counts = new long[model.outputNames().size()];
        for (NclPrediction p : predictions) {
            counts[p.index()]++;
        }
        JsonObject o = new JsonObject();
        for (int i = 0; i < counts.length; i++) {
            o.addProperty(model.outputNames().get(i), counts[i]);
        }
        return o;
    }

    /** A list of strings as a JSON array. */
    static JsonArray array(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }

    static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
