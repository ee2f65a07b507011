// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Weka adapter of NCL (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for
 * Novel Class Discovery", CVPR 2021): the helpers behind {@code weka.clusterers.NCL}, which lives in
 * Weka's own package so that the Explorer lists it.
 *
 * <p>{@link org.ncl.weka.InstancesEncoding} turns {@code Instances} into the core's
 * {@code DiscoveryData}; {@link org.ncl.weka.ContextLoader} switches the thread context class loader
 * around DJL calls (needed inside a Weka package); {@link org.ncl.weka.NovelClusterReport} evaluates the
 * novel clusters against a ground-truth attribute; {@link org.ncl.weka.TrainingLog} forwards progress to
 * Weka's log; {@link org.ncl.weka.FashionMnistArff} writes the embedded Fashion-MNIST split as an ARFF
 * file. The clusterer keeps the core model as the bytes of its model file
 * ({@code org.ncl.core.NclModel#save(OutputStream)}) inside Weka's serialised model.
 */
package org.ncl.weka;
