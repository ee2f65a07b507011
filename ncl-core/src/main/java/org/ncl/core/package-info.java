// SPDX-License-Identifier: Apache-2.0
/**
 * The NCL training core: novel class discovery with Neighborhood Contrastive Learning (Zhong, Fini,
 * Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021) on
 * DJL's PyTorch engine.
 *
 * <p>Data flow: a reader in {@link org.ncl.core.data} builds a {@link org.ncl.core.data.DiscoveryData}
 * (rows, known labels or unlabeled, optional ground truth for evaluation); {@link org.ncl.core.NclTrainer}
 * checks it against {@link org.ncl.core.options.NclOptions} (the one input validation of every front end, failing
 * with an {@link org.ncl.core.InvalidInputException}), standardises it, builds the network
 * ({@link org.ncl.core.nn}) and runs the three stages ({@link org.ncl.core.train}) with the objective of
 * {@link org.ncl.core.loss.NclLoss}; the result is an {@link org.ncl.core.NclModel} that predicts known
 * labels or novel clusters, carries its {@link org.ncl.core.NclProvenance} and saves to one file
 * ({@link org.ncl.core.io.ModelFile}). {@link org.ncl.core.evaluation} scores a model's predictions by the
 * protocol of novel class discovery. Progress (stages, epoch reports, checkpoints, the listener) is reported
 * through {@link org.ncl.core.progress}. The Tribuo and Weka adapters use this package with
 * {@link org.ncl.core.options}, {@link org.ncl.core.data}, {@link org.ncl.core.progress} and
 * {@link org.ncl.core.evaluation}.
 */
package org.ncl.core;
