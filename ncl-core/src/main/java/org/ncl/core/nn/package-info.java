// SPDX-License-Identifier: Apache-2.0
/**
 * Networks of NCL (Zhong et al., CVPR 2021, section 3): encoders Ω (an MLP for vectors, a small CNN
 * and the paper's CIFAR ResNet-18 variant for images), the {@link org.ncl.core.nn.NclNetwork} with the
 * known-class head φ_l and the novel-class head φ_u, the pretraining heads, and batched inference.
 */
package org.ncl.core.nn;
