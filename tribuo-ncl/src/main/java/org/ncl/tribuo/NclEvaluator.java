package org.ncl.tribuo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncl.core.NclPrediction;
import org.ncl.core.metrics.ClusteringScores;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.EvaluationProvenance;

/**
 * Evaluates an {@link NclModel} for novel class discovery as the NCL paper does (Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, section 4.1), in Tribuo's style.
 *
 * <p>The test data's true labels may be names the model never saw: a row whose true label is one of the model's known
 * classes is a known row, any other labeled row is a novel row, and rows with the unknown label are skipped (counted).
 * Tribuo's {@code LabelEvaluator} cannot be used: it rejects labels outside the model's domain.
 * <ul>
 *   <li>known-class accuracy: fraction of known rows whose (task-agnostic) predicted label is their true label, and
 *   the same for the known head φ_l alone (task-aware, as the paper reports it);</li>
 *   <li>novel rows, task-aware (the novel head φ_u alone, as the paper reports): cluster accuracy after Hungarian
 *   matching, NMI with scikit-learn's arithmetic-mean normalisation (not Tribuo's min(H) normalisation, nor the
 *   geometric mean of older code) and ARI, from the core's {@link ClusteringScores};</li>
 *   <li>novel rows, task-agnostic: the same three scores for the model's predicted labels (any of known + novel).</li>
 * </ul>
 */
public final class NclEvaluator {

    /** Creates an evaluator. */
    public NclEvaluator() {
    }

    /**
     * Evaluates on a dataset.
     *
     * @param model the model
     * @param dataset the test data with true labels (unknown-label rows are skipped)
     * @return the evaluation
     */
    public NclEvaluation evaluate(NclModel model, Dataset<Label> dataset) {
        return evaluate(model, dataset.getData(), dataset.getProvenance());
    }

    /**
     * Evaluates on a data source.
     *
     * @param model the model
     * @param source the test data with true labels
     * @return the evaluation
     */
    public NclEvaluation evaluate(NclModel model, DataSource<Label> source) {
        return evaluate(model, new MutableDataset<>(source));
    }

    private NclEvaluation evaluate(NclModel model, List<Example<Label>> examples, DataProvenance dataProvenance) {
        List<Example<Label>> list = new ArrayList<>(examples);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the test data is empty");
        }
        NclModel.Both both = model.predictBoth(list);
        List<Prediction<Label>> predictions = both.tribuo();
        List<NclPrediction> core = both.core();
        Set<String> known = model.knownLabels();
        List<String> knownNames = model.coreModel().knownClassNames();
        int knownRows = 0;
        int knownCorrect = 0;
        int knownHeadCorrect = 0;
        int skipped = 0;
        Map<String, Integer> novelIds = new HashMap<>();
        List<int[]> novel = new ArrayList<>(); // {truth, task-aware cluster, task-agnostic output}
        for (int i = 0; i < list.size(); i++) {
            Label truth = list.get(i).getOutput();
            if (DatasetConverter.isUnknown(truth)) {
                skipped++;
                continue;
            }
            String name = truth.getLabel();
            if (known.contains(name)) {
                knownRows++;
                if (predictions.get(i).getOutput().getLabel().equals(name)) {
                    knownCorrect++;
                }
                if (knownNames.get(core.get(i).knownClass()).equals(name)) {
                    knownHeadCorrect++;
                }
            } else {
                int id = novelIds.computeIfAbsent(name, k -> novelIds.size());
                novel.add(new int[] {id, core.get(i).novelCluster(), core.get(i).index()});
            }
        }
        double knownAccuracy = knownRows == 0 ? Double.NaN : (double) knownCorrect / knownRows;
        double knownHeadAccuracy = knownRows == 0 ? Double.NaN : (double) knownHeadCorrect / knownRows;
        ClusteringScores taskAware = null;
        ClusteringScores taskAgnostic = null;
        if (!novel.isEmpty()) {
            int[] t = novel.stream().mapToInt(r -> r[0]).toArray();
            taskAware = ClusteringScores.of(t, novel.stream().mapToInt(r -> r[1]).toArray());
            taskAgnostic = ClusteringScores.of(t, novel.stream().mapToInt(r -> r[2]).toArray());
        }
        return new NclEvaluation(knownAccuracy, knownHeadAccuracy, knownRows, taskAware, taskAgnostic, novel.size(), skipped,
                List.copyOf(novelIds.keySet()), predictions, new EvaluationProvenance(model.getProvenance(), dataProvenance));
    }
}
