/**
 * ONNX export of NCL models (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021)
 * with Tribuo's ONNX builder: the operators Tribuo lacks ({@link org.ncl.tribuo.onnx.NclOnnxOperators}), the graph
 * writer ({@link org.ncl.tribuo.onnx.NclOnnxGraph}) and a one-call export of a core model ({@link org.ncl.tribuo.onnx.OnnxExport}).
 */
package org.ncl.tribuo.onnx;
