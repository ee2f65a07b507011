// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators (default domain, opset 13) that Tribuo's {@link org.tribuo.util.onnx.ONNXOperators} lacks and
 * that the NCL encoders need (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery",
 * CVPR 2021: an MLP, a small CNN and the CIFAR ResNet-18 with its parameter-free shortcut).
 */
public enum NclOnnxOperators implements ONNXOperator {
    /** Rectified linear unit. */
    RELU("Relu", 1, 0),
    /** Exponential. */
    EXP("Exp", 1, 0),
    /** Matrix product. */
    MATMUL("MatMul", 2, 0),
    /** Reshape to the shape given as an int64 tensor (second input). */
    RESHAPE("Reshape", 2, 0),
    /** Flatten to 2-D at {@code axis}. */
    FLATTEN("Flatten", 1, 0, attr("axis", OnnxMl.AttributeProto.AttributeType.INT, false)),
    /** 2-D convolution; inputs X, W and optional bias B. */
    CONV(
            "Conv",
            2,
            1,
            attr("kernel_shape", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("strides", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("pads", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("dilations", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("group", OnnxMl.AttributeProto.AttributeType.INT, false)),
    /** Inference-mode batch normalisation; inputs X, scale, bias, running mean, running variance. */
    BATCH_NORM(
            "BatchNormalization",
            5,
            0,
            attr("epsilon", OnnxMl.AttributeProto.AttributeType.FLOAT, false),
            attr("momentum", OnnxMl.AttributeProto.AttributeType.FLOAT, false)),
    /** Max pooling. */
    MAX_POOL(
            "MaxPool",
            1,
            0,
            attr("kernel_shape", OnnxMl.AttributeProto.AttributeType.INTS, true),
            attr("strides", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("pads", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("ceil_mode", OnnxMl.AttributeProto.AttributeType.INT, false)),
    /** Average pooling. */
    AVERAGE_POOL(
            "AveragePool",
            1,
            0,
            attr("kernel_shape", OnnxMl.AttributeProto.AttributeType.INTS, true),
            attr("strides", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("pads", OnnxMl.AttributeProto.AttributeType.INTS, false),
            attr("ceil_mode", OnnxMl.AttributeProto.AttributeType.INT, false),
            attr("count_include_pad", OnnxMl.AttributeProto.AttributeType.INT, false)),
    /** Global average pooling over the spatial axes (keeps them as size 1). */
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
    /** Padding; inputs data, pads (int64) and optional constant value. */
    PAD("Pad", 2, 1, attr("mode", OnnxMl.AttributeProto.AttributeType.STRING, false));

    private static final int OPSET = 13;

    private final String opName;
    private final int numInputs;
    private final int numOptionalInputs;
    private final Map<String, ONNXAttribute> attributes;
    private final Set<String> mandatory;

    NclOnnxOperators(String opName, int numInputs, int numOptionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.numInputs = numInputs;
        this.numOptionalInputs = numOptionalInputs;
        this.attributes = Collections.unmodifiableMap(
                List.of(attributes).stream().collect(Collectors.toMap(ONNXAttribute::getName, Function.identity())));
        this.mandatory = List.of(attributes).stream()
                .filter(ONNXAttribute::isMandatory)
                .map(ONNXAttribute::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static ONNXAttribute attr(String name, OnnxMl.AttributeProto.AttributeType type, boolean mandatory) {
        return new ONNXAttribute(name, type, mandatory);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return numInputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return numOptionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return mandatory;
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return "";
    }
}
