/**
 * The contrastive-sampling family behind one abstraction, {@link org.ncl.core.loss.contrastive.ContrastiveObjective}:
 * InfoNCE, supervised contrastive learning (SupCon), NCL's neighbourhood targets and hard negative generation
 * (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR
 * 2021), debiased contrastive learning (DCL), hard-negative reweighting (HCL), synthetic hard negatives (SSCL),
 * hard negative mixing (MoCHi) and false-negative elimination or attraction (FNC). The same objective object
 * serves NCL's unlabeled loss L_ncl, its labeled loss L_scl and the self-supervised pretraining stage; which
 * strategy each uses is an option of {@link org.ncl.core.NclOptions} ({@code pretrainObjective},
 * {@code unlabeledObjective}, {@code labeledObjective}, {@code falseNegatives}), see {@code ncl-spec.md} section 5.
 * NCL's memory queues M_u and M_l ({@link org.ncl.core.loss.contrastive.MemoryQueue}) are the banks of negatives,
 * and {@link org.ncl.core.loss.contrastive.HardNegativeGeneration} mixes hard negatives from them.
 *
 * <p>Every term is one batched tensor expression with gradient; only index and weight choices that depend on
 * detached values (which negatives are hardest, which pairs are mixed, which candidates are false negatives)
 * are made in Java, as NCL's own targets are. Scalars are 0-d arrays ({@link org.ncl.core.tensor.Scalars}).
 */
package org.ncl.core.loss.contrastive;
