// SPDX-License-Identifier: Apache-2.0
/**
 * The contrastive-sampling family behind one abstraction, {@link org.ncl.core.loss.contrastive.ContrastiveObjective}:
 * InfoNCE (van den Oord et al. 2018; SimCLR, Chen et al., ICML 2020), supervised contrastive learning (SupCon,
 * Khosla et al., NeurIPS 2020), NCL's neighbourhood targets and hard negative generation (Zhong, Fini, Roy, Luo,
 * Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, sections 3.2-3.3),
 * debiased contrastive learning (DCL, Chuang et al., NeurIPS 2020), hard-negative reweighting (HCL, Robinson et
 * al., ICLR 2021), synthetic hard negatives (SSCL), hard negative mixing (MoCHi, Kalantidis et al., NeurIPS 2020)
 * and false-negative elimination or attraction (FNC, Huynh et al., WACV 2022). The same objective object
 * serves NCL's unlabeled loss L_ncl, its labeled loss L_scl and the self-supervised pretraining stage; which
 * strategy each uses is an option of {@link org.ncl.core.options.NclOptions} ({@code pretrainObjective},
 * {@code unlabeledObjective}, {@code labeledObjective}, {@code falseNegatives}).
 * NCL's memory queues M_u and M_l ({@link org.ncl.core.loss.contrastive.MemoryQueue}) are the banks of negatives,
 * and {@link org.ncl.core.loss.contrastive.HardNegativeGeneration} mixes hard negatives from them.
 *
 * <p>Every term is one batched tensor expression with gradient; only index and weight choices that depend on
 * detached values (which negatives are hardest, which pairs are mixed, which candidates are false negatives)
 * are made in Java, as NCL's own targets are. Scalars are 0-d arrays ({@link org.ncl.core.tensor.Scalars}).
 */
package org.ncl.core.loss.contrastive;
