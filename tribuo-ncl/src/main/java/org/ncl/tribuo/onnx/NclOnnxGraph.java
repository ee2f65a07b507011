// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ncl.core.NclModel;
import org.ncl.core.nn.NclNetwork;
import org.ncl.core.nn.ZeroPadShortcut;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a core {@link NclModel} (Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery",
 * CVPR 2021) as an ONNX graph with Tribuo's ONNX builder: the standardisation, the encoder Ω (MLP, SMALL_CNN or
 * RESNET18, read block by block from the DJL network with its trained parameters and BatchNorm running statistics),
 * the known head φ_l and the novel head φ_u, the novel logits shifted by {@link NclModel#novelLogitOffset()}, and a
 * softmax over the concatenated logits: exactly the probabilities of {@link NclModel#predict(float[])}, in the core's
 * output order (known classes, then {@code novel-0..}).
 *
 * <p>Supported DJL blocks: {@link SequentialBlock}, {@link Linear}, {@link BatchNorm} (epsilon 1e-5, DJL's default),
 * {@link Conv2d}, {@link ParallelBlock} as the ResNet BasicBlock (residual + {@link ZeroPadShortcut}, summed, ReLU),
 * and the lambda blocks {@code ReLU}, {@code batchFlatten}, {@code inputCheck} (identity), {@code maxPool2d} (2×2,
 * stride 2, as {@link org.ncl.core.nn.SmallCnn} uses it) and {@code globalAvgPool2d}. Anything else fails with
 * {@link UnsupportedOperationException} naming the block.
 */
public final class NclOnnxGraph {

    /** BatchNorm's epsilon in DJL's builder default, used by every NCL encoder. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private final ONNXContext context;

    private NclOnnxGraph(ONNXContext context) {
        this.context = context;
    }

    /**
     * Appends the model to the graph.
     *
     * @param context the graph under construction
     * @param input raw rows, {@code [batch, numFeatures]} floats in the core model's column order
     * @param model the core model
     * @return the node holding the probabilities {@code [batch, C_l + C_u]} in the core's output order
     */
    public static ONNXNode probabilities(ONNXContext context, ONNXRef<?> input, NclModel model) {
        return heads(context, input, model).probabilities();
    }

    /**
     * The graph's values that {@link NclModel#predict(float[])} decides from.
     *
     * @param knownLogits the known head's logits {@code [batch, C_l]}
     * @param novelLogits the novel head's logits {@code [batch, C_u]}, without the offset
     * @param probabilities the softmax over the known logits and the novel logits plus the offset, {@code [batch, C_l +
     *     C_u]} in the core's output order
     */
    public record Heads(ONNXRef<?> knownLogits, ONNXRef<?> novelLogits, ONNXNode probabilities) {}

    /**
     * Appends the model to the graph, keeping both heads' logits for a caller that decides from them.
     *
     * @param context the graph under construction
     * @param input raw rows, {@code [batch, numFeatures]} floats in the core model's column order
     * @param model the core model
     * @return the heads' logits and the probabilities
     */
    public static Heads heads(ONNXContext context, ONNXRef<?> input, NclModel model) {
        return new NclOnnxGraph(context).write(input, model);
    }

    private Heads write(ONNXRef<?> input, NclModel model) {
        int[] sampleShape = model.sampleShape();
        int size = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        float[] mean = model.standardizer().mean();
        float[] std = model.standardizer().std();
        float[] meanFull = new float[size];
        float[] stdFull = new float[size];
        int per = size / sampleShape[0];
        for (int j = 0; j < size; j++) {
            int g = sampleShape.length == 3 ? j / per : j;
            meanFull[j] = mean[g];
            stdFull[j] = std[g];
        }
        ONNXRef<?> x = input.apply(ONNXOperators.SUB, context.array("ncl_mean", meanFull))
                .apply(ONNXOperators.DIV, context.array("ncl_std", stdFull));
        long[] batchShape = new long[sampleShape.length + 1];
        batchShape[0] = 1;
        for (int i = 0; i < sampleShape.length; i++) {
            batchShape[i + 1] = sampleShape[i];
        }
        if (sampleShape.length == 3) {
            long[] target = batchShape.clone();
            target[0] = -1;
            x = x.apply(NclOnnxOperators.RESHAPE, context.array("ncl_image_shape", target));
        }
        NclNetwork network = model.network();
        List<Block> heads = network.getChildren().values();
        Typed f = emit(network.encoder(), new Typed(x, new Shape(batchShape)));
        ONNXRef<?> known = linear((Linear) heads.get(1), f.ref);
        ONNXRef<?> novel = linear((Linear) heads.get(2), f.ref);
        ONNXRef<?> shifted =
                novel.apply(ONNXOperators.ADD, context.constant("ncl_novel_offset", model.novelLogitOffset()));
        ONNXNode logits =
                context.operation(ONNXOperators.CONCAT, List.of(known, shifted), "ncl_logits", Map.of("axis", 1));
        return new Heads(known, novel, logits.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1)));
    }

    /** A graph value with its (batch 1) shape. */
    private record Typed(ONNXRef<?> ref, Shape shape) {}

    private Typed emit(Block block, Typed in) {
        Shape outShape = block.getOutputShapes(new Shape[] {in.shape})[0];
        ONNXRef<?> x = in.ref;
        if (block instanceof SequentialBlock seq) {
            Typed t = in;
            for (Block child : seq.getChildren().values()) {
                t = emit(child, t);
            }
            return t;
        } else if (block instanceof Linear lin) {
            if (in.shape.dimension() != 2) {
                throw new UnsupportedOperationException(
                        "Linear block on input of shape " + in.shape + " (expected 2-D)");
            }
            return new Typed(linear(lin, x), outShape);
        } else if (block instanceof BatchNorm bn) {
            Map<String, Parameter> p = params(bn);
            int c = (int) in.shape.get(1);
            ONNXRef<?> gamma = p.containsKey("gamma")
                    ? tensor("ncl_bn_gamma", p.get("gamma"))
                    : context.array("ncl_bn_gamma", ones(c));
            ONNXRef<?> beta = p.containsKey("beta")
                    ? tensor("ncl_bn_beta", p.get("beta"))
                    : context.array("ncl_bn_beta", new float[c]);
            ONNXRef<?> mean = tensor("ncl_bn_mean", p.get("runningMean"));
            ONNXRef<?> var = tensor("ncl_bn_var", p.get("runningVar"));
            ONNXNode y = context.operation(
                    NclOnnxOperators.BATCH_NORM,
                    List.of(x, gamma, beta, mean, var),
                    "ncl_bn",
                    Map.of("epsilon", BATCH_NORM_EPSILON));
            return new Typed(y, outShape);
        } else if (block instanceof Conv2d conv) {
            Map<String, Parameter> p = params(conv);
            List<ONNXRef<?>> inputs = new ArrayList<>(List.of(x, tensor("ncl_conv_w", p.get("weight"))));
            if (p.containsKey("bias")) {
                inputs.add(tensor("ncl_conv_b", p.get("bias")));
            }
            Shape k = conv.getKernelShape();
            Shape s = conv.getStride();
            Shape pad = conv.getPadding();
            Shape dil = conv.getDilation();
            Map<String, Object> attrs = new HashMap<>();
            attrs.put("kernel_shape", new int[] {(int) k.get(0), (int) k.get(1)});
            attrs.put("strides", new int[] {(int) s.get(0), (int) s.get(1)});
            attrs.put("pads", new int[] {(int) pad.get(0), (int) pad.get(1), (int) pad.get(0), (int) pad.get(1)});
            attrs.put("dilations", new int[] {(int) dil.get(0), (int) dil.get(1)});
            attrs.put("group", conv.getGroups());
            return new Typed(context.operation(NclOnnxOperators.CONV, inputs, "ncl_conv", attrs), outShape);
        } else if (block instanceof ParallelBlock par) {
            List<Block> branches = par.getChildren().values();
            if (branches.size() != 2 || !(branches.get(1) instanceof ZeroPadShortcut)) {
                throw new UnsupportedOperationException(
                        "ParallelBlock other than the ResNet BasicBlock (residual + ZeroPadShortcut): " + branches);
            }
            Typed residual = emit(branches.get(0), in);
            Typed shortcut = emit(branches.get(1), in);
            ONNXRef<?> sum = residual.ref.apply(ONNXOperators.ADD, shortcut.ref);
            return new Typed(sum.apply(NclOnnxOperators.RELU), outShape);
        } else if (block instanceof ZeroPadShortcut sc) {
            ONNXRef<?> y = x;
            if (sc.getStride() == 2) {
                y = y.apply(
                        NclOnnxOperators.AVERAGE_POOL,
                        Map.of(
                                "kernel_shape",
                                new int[] {2, 2},
                                "strides",
                                new int[] {2, 2},
                                "ceil_mode",
                                1,
                                "count_include_pad",
                                0));
            }
            int inChannels = (int) in.shape.get(1);
            if (sc.getOutChannels() > inChannels) {
                long[] pads = {0, 0, 0, 0, 0, sc.getOutChannels() - inChannels, 0, 0};
                y = y.apply(NclOnnxOperators.PAD, context.array("ncl_channel_pad", pads));
            }
            return new Typed(y, outShape);
        } else if (block instanceof LambdaBlock lambda) {
            String name = lambda.getName();
            ONNXRef<?> y;
            switch (name) {
                case "ReLU" -> y = x.apply(NclOnnxOperators.RELU);
                case "batchFlatten" -> y = x.apply(NclOnnxOperators.FLATTEN, Map.of("axis", 1));
                case "inputCheck" -> y = x;
                case "maxPool2d" -> {
                    long h = in.shape.get(2);
                    long w = in.shape.get(3);
                    if (outShape.get(2) != h / 2 || outShape.get(3) != w / 2) {
                        throw new UnsupportedOperationException(
                                "maxPool2d block that is not 2x2 with stride 2: " + in.shape + " -> " + outShape);
                    }
                    y = x.apply(
                            NclOnnxOperators.MAX_POOL,
                            Map.of("kernel_shape", new int[] {2, 2}, "strides", new int[] {2, 2}));
                }
                case "globalAvgPool2d" ->
                    y = x.apply(NclOnnxOperators.GLOBAL_AVERAGE_POOL)
                            .apply(NclOnnxOperators.FLATTEN, Map.of("axis", 1));
                default ->
                    throw new UnsupportedOperationException(
                            "no ONNX translation for the DJL lambda block '" + name + "'");
            }
            return new Typed(y, outShape);
        }
        throw new UnsupportedOperationException(
                "no ONNX translation for the DJL block " + block.getClass().getName());
    }

    private ONNXRef<?> linear(Linear lin, ONNXRef<?> x) {
        Map<String, Parameter> p = params(lin);
        List<ONNXRef<?>> inputs = new ArrayList<>(List.of(x, tensor("ncl_linear_w", p.get("weight"))));
        if (p.containsKey("bias")) {
            inputs.add(tensor("ncl_linear_b", p.get("bias")));
        }
        return context.operation(ONNXOperators.GEMM, inputs, "ncl_gemm", Map.of("transB", 1));
    }

    private static Map<String, Parameter> params(Block block) {
        Map<String, Parameter> out = new HashMap<>();
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(p.getValue().getName(), p.getValue());
        }
        return out;
    }

    private ONNXInitializer tensor(String name, Parameter p) {
        if (p == null || p.getArray() == null) {
            throw new IllegalStateException("parameter " + name + " is missing or not initialised");
        }
        float[] values = p.getArray().toFloatArray();
        long[] dims = p.getArray().getShape().getShape();
        List<Integer> d = new ArrayList<>();
        for (long v : dims) {
            d.add((int) v);
        }
        return context.floatTensor(name, d, fb -> fb.put(values));
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }
}
