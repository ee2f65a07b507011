// SPDX-License-Identifier: Apache-2.0
/**
 * Protobuf messages of the Tribuo NCL integration (generated from {@code src/main/proto/ncl_tribuo.proto}):
 * {@code NclModelProto}, the Tribuo 4.3 serialized form of {@link org.ncl.tribuo.NclModel}, a model of novel class
 * discovery with NCL (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021).
 */
package org.ncl.tribuo.protos;
