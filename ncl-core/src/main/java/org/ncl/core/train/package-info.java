// SPDX-License-Identifier: Apache-2.0
/**
 * The three stages of NCL (Zhong et al., CVPR 2021): self-supervised pretraining, supervised training of
 * the known-class head, and discovery with label-free model selection, on a shared epoch loop
 * ({@code StageRunner}) that opens one native sub-manager per step. Also the two-view augmentation.
 */
package org.ncl.core.train;
