// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallCnnTest {

    private static final int SEED = 42;

    private static NDArray forward(Block block, NDManager manager, Shape shape, boolean training) {
        block.initialize(manager, DataType.FLOAT32, shape);
        NDArray x = manager.randomNormal(shape);
        return block.forward(new ParameterStore(manager, false), new NDList(x), training)
                .singletonOrThrow();
    }

    @Test
    void fashionMnistShapeGivesEmbedding() {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock cnn = SmallCnn.create(1, 128);
            NDArray out = forward(cnn, manager, new Shape(4, 1, 28, 28), true);
            assertEquals(new Shape(4, 128), out.getShape());
            assertTrue(out.min().getFloat() >= 0f, "the embedding ends with a ReLU");
            assertTrue(out.max().getFloat() > 0f, "not all zero");
        }
    }

    @Test
    void cifarShapeAndSmallestSizeGiveEmbedding() {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(
                    new Shape(2, 64),
                    forward(SmallCnn.create(3, 64), manager, new Shape(2, 3, 32, 32), true)
                            .getShape());
            assertEquals(
                    new Shape(3, 32),
                    forward(SmallCnn.create(3, 32, 8), manager, new Shape(3, 3, 8, 9), false)
                            .getShape());
        }
    }

    @Test
    void childrenAreThreeStagesAndTheEmbeddingBlock() {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock cnn = SmallCnn.create(1, 128);
            cnn.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            List<Block> children = cnn.getChildren().values();
            assertEquals(4, children.size());
            Shape shape = new Shape(2, 1, 28, 28);
            Shape[] expected = {
                new Shape(2, 16, 14, 14), new Shape(2, 32, 7, 7), new Shape(2, 64, 7, 7), new Shape(2, 128)
            };
            for (int i = 0; i < children.size(); i++) {
                shape = children.get(i).getOutputShapes(new Shape[] {shape})[0];
                assertEquals(expected[i], shape, "child " + i);
            }
            // Parameters by hand: convs 1*16*9, 16*32*9, 32*64*9; linear 64*7*7*128 (no bias);
            // BatchNorm gamma + beta for 16, 32, 64 and 128 channels.
            long expectedTrainable =
                    1 * 16 * 9 + 16 * 32 * 9 + 32 * 64 * 9 + 64 * 7 * 7 * 128 + 2 * (16 + 32 + 64 + 128);
            long trainable = cnn.getParameters().values().stream()
                    .filter(EncoderTraining::trainable)
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertEquals(expectedTrainable, trainable);
            long lastBlock = children.get(3).getParameters().values().stream()
                    .filter(EncoderTraining::trainable)
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertEquals(64 * 7 * 7 * 128 + 2 * 128, lastBlock);
            assertTrue(
                    cnn.getParameters().values().stream().noneMatch(p -> p.getType() == Parameter.Type.BIAS),
                    "no biases before BatchNorm");
        }
    }

    @Test
    void sgdStepsReduceCrossEntropyOnAFixedBatch() {
        Engine.getInstance().setRandomSeed(SEED);
        Shape shape = new Shape(16, 1, 28, 28);
        try (EncoderTraining training = new EncoderTraining(SmallCnn.create(1, 32), 4, 0.05f, shape)) {
            NDManager manager = training.manager();
            NDArray x = manager.randomNormal(shape);
            NDArray labels = manager.create(new float[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3});
            float first = training.step(x, labels);
            float last = first;
            for (int i = 0; i < 14; i++) {
                last = training.step(x, labels);
            }
            assertTrue(first > 1.0f, "initial loss near ln 4, got " + first);
            assertTrue(last < 0.25f * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void freezingAllButTheLastChildTrainsOnlyTheLastChild() {
        Engine.getInstance().setRandomSeed(SEED);
        Shape shape = new Shape(8, 1, 28, 28);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(shape);
            NDArray labels = manager.create(new float[] {0, 1, 2, 0, 1, 2, 0, 1});
            EncoderTraining.assertOnlyLastChildTrains(SmallCnn.create(1, 16), 3, x, labels, shape);
        }
    }

    @Test
    void sameSeedGivesSameOutput() {
        float[][] outputs = new float[2][];
        for (int run = 0; run < 2; run++) {
            Engine.getInstance().setRandomSeed(SEED);
            try (NDManager manager = NDManager.newBaseManager()) {
                outputs[run] = forward(SmallCnn.create(1, 8), manager, new Shape(2, 1, 12, 12), false)
                        .toFloatArray();
            }
        }
        assertArrayEquals(outputs[0], outputs[1], 0f);
    }

    @Test
    void badArgumentsAndInputsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmallCnn.create(0, 128));
        assertTrue(e.getMessage().contains("inChannels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SmallCnn.create(1, 0));
        assertTrue(e.getMessage().contains("embeddingDim"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SmallCnn.create(1, 8, -2));
        assertTrue(e.getMessage().contains("baseWidth") && e.getMessage().contains("-2"), e.getMessage());

        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock rgb = SmallCnn.create(3, 8);
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> rgb.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28)));
            assertTrue(e.getMessage().contains("channels: expected 3, got 1"), e.getMessage());
            SequentialBlock tiny = SmallCnn.create(1, 8);
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> tiny.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 7, 28)));
            assertTrue(e.getMessage().contains("at least 8, got 7x28"), e.getMessage());
            SequentialBlock flat = SmallCnn.create(1, 8);
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> flat.initialize(manager, DataType.FLOAT32, new Shape(2, 784)));
            assertTrue(e.getMessage().contains("expected shape (N, 1, H, W)"), e.getMessage());
        }
    }
}
