// SPDX-License-Identifier: Apache-2.0
/**
 * Clustering algorithms: {@link org.ncl.core.clustering.KMeans} (greedy k-means++ seeding, Lloyd iterations
 * with Hamerly's bounds, restarts; scikit-learn's {@code KMeans} in Java) and its
 * {@link org.ncl.core.clustering.KMeansResult}. k-means is the baseline of novel class discovery (Zhong et al.,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021: k-means on the unlabeled data) and
 * initialises the novel head from the embedding of the unlabeled rows in the discovery stage. The scores of a
 * clustering against the true classes are in {@link org.ncl.core.metrics}.
 */
package org.ncl.core.clustering;
