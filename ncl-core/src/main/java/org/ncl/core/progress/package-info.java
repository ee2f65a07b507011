// SPDX-License-Identifier: Apache-2.0
/**
 * What a training run tells its caller while it runs: the {@link org.ncl.core.progress.Stage stages} of NCL
 * (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, section 3), the
 * {@link org.ncl.core.progress.TrainingListener} that receives each step, each
 * {@link org.ncl.core.progress.EpochReport}, each {@link org.ncl.core.progress.CollapseReport} and each
 * discovery epoch's {@link org.ncl.core.progress.Checkpoint}, and the
 * {@link org.ncl.core.progress.TrainingCancelledException} of a cancelled run. A leaf package: the trainer
 * ({@link org.ncl.core.NclTrainer}) and its stages ({@link org.ncl.core.train}) report through it, and it
 * depends on neither.
 */
package org.ncl.core.progress;
