// SPDX-License-Identifier: Apache-2.0
/**
 * Evaluation of novel class discovery: how well predicted clusters recover the hidden classes.
 *
 * <p>Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, report
 * three external clustering scores, all available here for arbitrary int labels:
 * <ul>
 *   <li>{@link org.ncl.core.metrics.ClusterMetrics#accuracy cluster accuracy} (ACC): the fraction of
 *       samples that are right after the best one-to-one map from clusters to classes, found with the
 *       Hungarian algorithm on the {@link org.ncl.core.metrics.Contingency contingency table}
 *       ({@link org.ncl.core.metrics.ClusterMatching} exposes the map itself);</li>
 *   <li>{@link org.ncl.core.metrics.ClusterMetrics#nmi normalised mutual information} (NMI), natural
 *       logarithm, normalised by default with the arithmetic mean of the two entropies as scikit-learn
 *       does since 0.22 (geometric, min and max are options; the original NCL numbers used the
 *       geometric mean);</li>
 *   <li>{@link org.ncl.core.metrics.ClusterMetrics#ari adjusted Rand index} (ARI) of Hubert and
 *       Arabie, as scikit-learn.</li>
 * </ul>
 * {@link org.ncl.core.metrics.ClusteringScores} bundles the three. The k-means baseline of the paper is
 * {@link org.ncl.core.clustering.KMeans}.
 */
package org.ncl.core.metrics;
