// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** Stage 1: self-supervised pretraining on all rows. */
public enum PretrainMethod {
    /** Two-view InfoNCE (SimCLR's NT-Xent) through a projection head; works for images and tables. */
    CONTRASTIVE,
    /** RotNet's 4-way rotation prediction, the paper's choice (square images only). */
    ROTNET,
    /** No pretraining. */
    NONE
}
