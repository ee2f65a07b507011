// SPDX-License-Identifier: Apache-2.0
/**
 * Pictures of novel class discovery with NCL (Zhong et al., "Neighborhood Contrastive Learning for Novel Class
 * Discovery", CVPR 2021), drawn with XChart as PNG: a PCA map of the learned embedding coloured by discovered
 * cluster and by true class, the confusion matrix of novel clusters against true classes after Hungarian
 * matching, and loss and metric curves per epoch ({@link org.ncl.cli.plots.ModelPlots}).
 */
package org.ncl.cli.plots;
