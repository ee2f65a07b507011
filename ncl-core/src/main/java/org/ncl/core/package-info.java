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
 * protocol of novel class discovery. The Tribuo and Weka adapters call only this package's types.
 */
package org.ncl.core;

import org.ncl.core.options.NclOptions;
