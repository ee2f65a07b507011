// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.progress;

/** The three stages of NCL (Zhong et al., CVPR 2021, section 3) in the order they run. */
public enum Stage {
    /** Self-supervised pretraining on all rows, without labels. */
    PRETRAIN,
    /** Cross-entropy of the known-class head on the labeled rows. */
    SUPERVISED,
    /** The full discovery objective. */
    DISCOVERY
}
