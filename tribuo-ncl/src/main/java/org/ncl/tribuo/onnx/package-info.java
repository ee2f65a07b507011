// SPDX-License-Identifier: Apache-2.0
/**
 * ONNX export of NCL models (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021)
 * with Tribuo's ONNX builder: the operators Tribuo lacks ({@link org.ncl.tribuo.onnx.NclOnnxOperators}) and the graph
 * writer ({@link org.ncl.tribuo.onnx.NclOnnxGraph}). The one-call export of a core model built on them is
 * {@link org.ncl.tribuo.OnnxExport}, beside the Tribuo model whose provenance it records.
 */
package org.ncl.tribuo.onnx;
