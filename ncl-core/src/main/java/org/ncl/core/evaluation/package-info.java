// SPDX-License-Identifier: Apache-2.0
/**
 * The one evaluation protocol of novel class discovery for a trained model's predictions, used by the
 * command line, the examples and benchmarks, the Tribuo evaluator and the Weka clusterer's summary (they
 * only translate names and formats).
 *
 * <p>{@link org.ncl.core.evaluation.DiscoveryEvaluation} scores one {@link org.ncl.core.NclPrediction} per
 * row against what is known about the row (its known label, its ground-truth class) and returns an
 * {@link org.ncl.core.evaluation.EvaluationResult}: the known head's accuracy on the rows of known classes,
 * the novel head's Hungarian-matched ACC, NMI and ARI on the rows of novel classes (task-aware, as Zhong et
 * al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, report them), and the
 * task-agnostic scores of the joint prediction over all rows (see
 * {@link org.ncl.core.evaluation.DiscoveryEvaluation} for the definitions). The metrics themselves are
 * {@link org.ncl.core.metrics}'s.
 */
package org.ncl.core.evaluation;
