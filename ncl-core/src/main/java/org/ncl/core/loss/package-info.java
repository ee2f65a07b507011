/**
 * Objectives: the full NCL discovery loss in {@link org.ncl.core.loss.NclLoss} (Zhong et al., CVPR
 * 2021: L_ce, L_bce, L_mse, L_ncl with hard negative generation, L_scl), its pairwise pseudo-labels,
 * memory queues, and the InfoNCE loss of contrastive pretraining. The contrastive-objective family
 * (InfoNCE, SupCon, DCL, HCL, SSCL, MoCHi, HNG, false-negative handling) that L_ncl, L_scl and pretraining
 * share is in {@link org.ncl.core.loss.contrastive}. Tensor code is batched; scalars are
 * 0-d arrays (see {@link org.ncl.core.loss.Scalars}).
 */
package org.ncl.core.loss;
