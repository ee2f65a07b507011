// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.loss.contrastive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ncl.core.options.ContrastiveStrategy;

/**
 * A contrastive loss over a {@link ContrastProblem}: the one abstraction behind NCL's unlabeled loss L_ncl,
 * its labeled loss L_scl and the self-supervised pretraining stage (Zhong, Fini, Roy, Luo, Ricci, Sebe,
 * "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021). Implementations are built by
 * {@link ContrastiveObjectives} from a {@link ContrastiveStrategy}; the result is a 0-d array with gradient
 * (mean over the anchors).
 */
public interface ContrastiveObjective {

    /** The strategy this objective implements. */
    ContrastiveStrategy strategy();

    /** The loss of one batch, with gradient through the problem's logits. */
    NDArray loss(NDManager manager, ContrastProblem problem);
}
