// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncl.core.NclPrediction;
import org.ncl.core.data.DiscoveryData;
import org.ncl.core.evaluation.DiscoveryEvaluation;
import org.ncl.core.evaluation.EvaluationResult;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.EvaluationProvenance;

/**
 * Evaluates an {@link NclModel} for novel class discovery by the core's protocol
 * ({@link DiscoveryEvaluation}; Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for Novel
 * Class Discovery", CVPR 2021, section 4.1), in Tribuo's style: this class only turns the test data's labels into
 * the core's known labels and ground truth.
 *
 * <p>The test data's true labels may be names the model never saw: a row whose true label is one of the model's known
 * classes is a known row, any other labeled row is a novel row, and rows with the unknown label are skipped (counted).
 * Tribuo's {@code LabelEvaluator} cannot be used: it rejects labels outside the model's domain.
 * <ul>
 *   <li>known-class accuracy: fraction of known rows whose predicted label (the joint prediction) is their true
 *   label, and the same for the known head φ_l alone (task-aware, as the paper reports it);</li>
 *   <li>novel rows, task-aware (the novel head φ_u alone, as the paper reports): cluster accuracy after Hungarian
 *   matching, NMI with scikit-learn's arithmetic-mean normalisation (not Tribuo's min(H) normalisation, nor the
 *   geometric mean of older code) and ARI;</li>
 *   <li>task-agnostic: the same three scores for the model's predicted labels (any of known + novel) on all rows
 *   that are not skipped, known and novel together, Hungarian-matched over all outputs and all true classes.</li>
 * </ul>
 */
public final class NclEvaluator {

    /** Creates an evaluator. */
    public NclEvaluator() {}

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
        // true classes: the model's known classes first (ground truth j = known class j), then the others by first use
        List<String> knownNames = model.coreModel().knownClassNames();
        Map<String, Integer> classes = new LinkedHashMap<>();
        int[] knownClassTruth = new int[knownNames.size()];
        for (int j = 0; j < knownNames.size(); j++) {
            classes.put(knownNames.get(j), j);
            knownClassTruth[j] = j;
        }
        int[] knownLabels = new int[list.size()];
        int[] truth = new int[list.size()];
        int skipped = 0;
        for (int i = 0; i < list.size(); i++) {
            Label label = list.get(i).getOutput();
            if (DatasetConverter.isUnknown(label)) {
                knownLabels[i] = DiscoveryData.UNLABELED;
                truth[i] = -1;
                skipped++;
                continue;
            }
            int c = classes.computeIfAbsent(label.getLabel(), k -> classes.size());
            truth[i] = c;
            knownLabels[i] = c < knownNames.size() ? c : DiscoveryData.UNLABELED;
        }
        EvaluationResult result = DiscoveryEvaluation.evaluate(core, knownLabels, truth, knownClassTruth);
        List<String> novelClasses = new ArrayList<>(classes.keySet()).subList(knownNames.size(), classes.size());
        return new NclEvaluation(
                result,
                skipped,
                novelClasses,
                predictions,
                new EvaluationProvenance(model.getProvenance(), dataProvenance));
    }
}
