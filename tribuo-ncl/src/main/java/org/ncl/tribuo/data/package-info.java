// SPDX-License-Identifier: Apache-2.0
/**
 * Data loading for novel class discovery with NCL (Zhong et al., "Neighborhood Contrastive Learning for Novel Class
 * Discovery", CVPR 2021) in Tribuo: CSV files whose blank label cells mark unlabeled rows.
 */
package org.ncl.tribuo.data;
