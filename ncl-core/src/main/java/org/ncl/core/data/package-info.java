// SPDX-License-Identifier: Apache-2.0
/**
 * Data for novel class discovery: readers that turn files into a {@link org.ncl.core.data.DiscoveryData},
 * the one immutable input of training and evaluation.
 *
 * <p>Data flow:
 * <pre>
 *   IDX files --IdxReader--&gt; IdxImages + int[] labels --NovelClassSplit--&gt; DiscoveryData
 *   Fashion-MNIST (jar or directory) --FashionMnist------------------------&gt; DiscoveryData
 *   CSV file (blank label = unlabeled) --CsvReader--------------------------&gt; DiscoveryData
 *
 *   DiscoveryData --withoutGroundTruth()--&gt; trainer (training never sees ground truth)
 *   DiscoveryData --groundTruth()---------&gt; metrics (evaluation of the discovered clusters)
 * </pre>
 *
 * <ul>
 *   <li>{@link org.ncl.core.data.IdxReader} reads IDX image and label files, gzipped or not, into
 *       {@link org.ncl.core.data.IdxImages} (pixels in [0, 1]) and {@code int[]} labels.</li>
 *   <li>{@link org.ncl.core.data.NovelClassSplit} turns a fully labelled set into a discovery problem:
 *       the chosen known classes stay labelled (optionally only a seeded fraction of their rows, the
 *       generalised setting), all other rows become unlabeled, and the original labels become ground
 *       truth.</li>
 *   <li>{@link org.ncl.core.data.FashionMnist} provides the embedded 10,000-image test split and loads the
 *       full set from a directory, with classes 0-4 known and 5-9 novel by default.</li>
 *   <li>{@link org.ncl.core.data.CsvReader} reads tabular data whose label column is blank on unlabeled
 *       rows, with an optional ground-truth column kept for evaluation only.</li>
 * </ul>
 *
 * <p>The setting is that of Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for
 * Novel Class Discovery", CVPR 2021: labelled rows of known classes C_l and unlabeled rows of novel classes
 * C_u to be clustered. Ground truth travels with the data for evaluation but the trainer receives
 * {@link org.ncl.core.data.DiscoveryData#withoutGroundTruth()}.
 */
package org.ncl.core.data;
