// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: an encoder plus a linear cross-entropy head trained with SGD (momentum 0.9,
 * weight decay 1e-4) through a DJL {@link Trainer}. The loss is written from NDArray ops only
 * (log-softmax, one-hot, sum, mean, neg), never with Java scalars (DJL notes, pitfall 1).
 */
final class EncoderTraining implements AutoCloseable {

    private final Model model;
    private final Trainer trainer;
    private final int classes;

    EncoderTraining(Block encoder, int classes, float learningRate, Shape inputShape) {
        this.classes = classes;
        this.model = Model.newInstance("encoder-test");
        model.setBlock(new SequentialBlock()
                .add(encoder)
                .add(Linear.builder().setUnits(classes).build()));
        Optimizer sgd = Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed(learningRate))
                .optMomentum(0.9f)
                .optWeightDecays(1e-4f)
                .build();
        // The Loss given to the configuration is unused: the tests compute their own loss.
        this.trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd));
        trainer.initialize(inputShape);
    }

    NDManager manager() {
        return trainer.getManager();
    }

    /** One SGD step on (x, labels); returns the cross-entropy before the update. */
    float step(NDArray x, NDArray labels) {
        try (NDManager step = manager().newSubManager()) {
            // Intermediate results live in the first operand's manager: free them with the step.
            x.tempAttach(step);
            labels.tempAttach(step);
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = logits.logSoftmax(1)
                        .mul(labels.oneHot(classes))
                        .sum(new int[] {1})
                        .mean()
                        .neg();
                gc.backward(loss);
                value = loss.getFloat();
            }
            trainer.step();
            return value;
        }
    }

    /** Copies every parameter of a block (trainable ones and BatchNorm running statistics). */
    static Map<Parameter, float[]> snapshot(Block block) {
        Map<Parameter, float[]> values = new LinkedHashMap<>();
        for (Parameter p : block.getParameters().values()) {
            values.put(p, p.getArray().toFloatArray());
        }
        return values;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /** Whether a parameter is learned by gradient descent (not a BatchNorm running statistic). */
    static boolean trainable(Parameter p) {
        return p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;
    }

    /**
     * Freezes every child of the encoder but the last, takes one SGD step, and asserts that the
     * frozen children's weights did not move (their BatchNorm running means still do, as in the
     * reference code, which keeps the frozen layers in train mode) while every trainable
     * parameter of the last child did.
     */
    static void assertOnlyLastChildTrains(
            SequentialBlock encoder, int classes, NDArray x, NDArray labels, Shape inputShape) {
        try (EncoderTraining training = new EncoderTraining(encoder, classes, 0.1f, inputShape)) {
            List<Block> children = encoder.getChildren().values();
            Block last = children.get(children.size() - 1);
            for (Block child : children.subList(0, children.size() - 1)) {
                child.freezeParameters(true);
            }
            Map<Parameter, float[]> frozenBefore = new LinkedHashMap<>();
            for (Block child : children.subList(0, children.size() - 1)) {
                frozenBefore.putAll(snapshot(child));
            }
            Map<Parameter, float[]> lastBefore = snapshot(last);

            training.step(x, labels);
            training.step(x, labels);

            int frozenWeights = 0;
            int movedRunningMeans = 0;
            for (Map.Entry<Parameter, float[]> e : frozenBefore.entrySet()) {
                Parameter p = e.getKey();
                float[] after = p.getArray().toFloatArray();
                if (trainable(p)) {
                    assertFalse(p.requiresGradient(), p.getName() + " should be frozen");
                    assertArrayEquals(e.getValue(), after, 0f, "frozen " + p.getName() + " changed");
                    frozenWeights++;
                } else if (p.getType() == Parameter.Type.RUNNING_MEAN && !Arrays.equals(e.getValue(), after)) {
                    movedRunningMeans++;
                }
            }
            assertTrue(frozenWeights > 0, "no frozen weights");
            assertTrue(movedRunningMeans > 0, "frozen BatchNorm running means should keep updating");

            int lastTrainable = 0;
            for (Map.Entry<Parameter, float[]> e : lastBefore.entrySet()) {
                Parameter p = e.getKey();
                if (trainable(p)) {
                    assertTrue(p.requiresGradient());
                    assertFalse(
                            Arrays.equals(e.getValue(), p.getArray().toFloatArray()),
                            "last block's " + p.getName() + " did not change");
                    lastTrainable++;
                }
            }
            assertTrue(lastTrainable > 0, "last block has no weights");
        }
    }
}
