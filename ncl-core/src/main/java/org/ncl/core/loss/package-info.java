// SPDX-License-Identifier: Apache-2.0
/**
 * Objectives: the full NCL discovery loss in {@link org.ncl.core.loss.NclLoss} (Zhong et al., CVPR
 * 2021: L_ce, L_bce, L_mse, L_ncl with hard negative generation, L_scl), its pairwise pseudo-labels,
 * and the InfoNCE loss of contrastive pretraining. The contrastive-objective family (InfoNCE, SupCon, DCL,
 * HCL, SSCL, MoCHi, HNG, false-negative handling) that L_ncl, L_scl and pretraining share, with the memory
 * queues, is in {@link org.ncl.core.loss.contrastive}, which depends on nothing here. Tensor code is batched;
 * scalars are 0-d arrays (see {@link org.ncl.core.tensor.Scalars}).
 */
package org.ncl.core.loss;
