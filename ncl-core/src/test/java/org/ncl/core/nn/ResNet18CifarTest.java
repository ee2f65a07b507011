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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResNet18CifarTest {

    private static final int SEED = 7;

    private static NDArray forward(Block block, NDManager manager, NDArray x, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training)
                .singletonOrThrow();
    }

    /**
     * The parameter count from the architecture: a 3×3 conv (no bias) + BatchNorm gamma and beta
     * for the stem, and for each of the 2 BasicBlocks of the 4 stages two 3×3 convs and two
     * BatchNorms; the shortcuts have none.
     */
    private static long expectedParameters(int inChannels, int baseWidth) {
        long total = 9L * inChannels * baseWidth + 2L * baseWidth;
        long in = baseWidth;
        for (int stage = 0; stage < 4; stage++) {
            long out = (long) baseWidth << stage;
            for (int block = 0; block < 2; block++) {
                total += 9 * in * out + 2 * out + 9 * out * out + 2 * out;
                in = out;
            }
        }
        return total;
    }

    private static long trainableCount(Block block) {
        return block.getParameters().values().stream()
                .filter(EncoderTraining::trainable)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    @Test
    void fashionMnistAndCifarInputsGive512Features() {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock gray = ResNet18Cifar.create(1);
            gray.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            NDArray f = forward(gray, manager, manager.randomNormal(new Shape(2, 1, 28, 28)), true);
            assertEquals(new Shape(2, ResNet18Cifar.OUTPUT_DIM), f.getShape());
            assertTrue(f.min().getFloat() >= 0f, "ReLU after the pool");
            assertTrue(f.max().getFloat() > 0f);

            SequentialBlock rgb = ResNet18Cifar.create(3);
            rgb.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            NDArray g = forward(rgb, manager, manager.randomNormal(new Shape(2, 3, 32, 32)), false);
            assertEquals(new Shape(2, 512), g.getShape());
            assertEquals(512, ResNet18Cifar.outputDim(64));
        }
    }

    @Test
    void childrenAreStemFourLayersWithOddSizesHandled() {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = ResNet18Cifar.create(1, 4);
            Shape input = new Shape(2, 1, 28, 28);
            net.initialize(manager, DataType.FLOAT32, input);
            List<Block> children = net.getChildren().values();
            assertEquals(5, children.size());
            Shape[] expected = {
                new Shape(2, 4, 28, 28),
                new Shape(2, 4, 28, 28),
                new Shape(2, 8, 14, 14),
                new Shape(2, 16, 7, 7),
                new Shape(2, 32)
            };
            // Run the children one after another on real data: 7x7 -> 4x4 in layer4 needs the
            // ceil-mode pooling of the shortcut to match the stride-2 convolution.
            NDArray x = manager.randomNormal(input);
            for (int i = 0; i < children.size(); i++) {
                x = forward(children.get(i), manager, x, true);
                assertEquals(expected[i], x.getShape(), "child " + i);
            }
            assertEquals(32, ResNet18Cifar.outputDim(4));
        }
    }

    @Test
    void parameterCountMatchesTheArchitecture() {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = ResNet18Cifar.create(3);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long expected = expectedParameters(3, 64);
            // The usual CIFAR ResNet-18 has 11,173,962 with 1x1-conv shortcuts (173,824) and a
            // 10-way classifier (5,130): neither is here.
            assertEquals(11_173_962L - 173_824L - 5_130L, expected);
            assertEquals(expected, trainableCount(net));
            assertTrue(
                    net.getParameters().values().stream().noneMatch(p -> p.getType() == Parameter.Type.BIAS),
                    "convs have no bias");
            // 17 BatchNorms (stem + 16 in the blocks): running mean + var for every channel.
            long bnChannels = 64 + 2 * 2 * (64 + 128 + 256 + 512);
            long running = net.getParameters().values().stream()
                    .filter(p -> !EncoderTraining.trainable(p))
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertEquals(2 * bnChannels, running);
            // The last child (layer4) holds two BasicBlocks of 512 channels, fed by 256.
            long layer4 = 9L * 256 * 512 + 2 * 512 + 9L * 512 * 512 + 2 * 512 + 2 * (9L * 512 * 512 + 2 * 512);
            List<Block> children = net.getChildren().values();
            assertEquals(layer4, trainableCount(children.get(children.size() - 1)));
            assertEquals(expectedParameters(1, 64), 10_993_856L);
        }
    }

    @Test
    void shortcutAveragesCeilModeWindowsAndPadsZeroChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ZeroPadShortcut shortcut = new ZeroPadShortcut(2, 2);
            assertTrue(shortcut.getParameters().isEmpty());
            NDArray x = manager.arange(49f).reshape(1, 1, 7, 7);
            shortcut.initialize(manager, DataType.FLOAT32, x.getShape());
            NDArray y = forward(shortcut, manager, x, true);
            assertEquals(new Shape(1, 2, 4, 4), y.getShape());
            assertEquals(new Shape(1, 2, 4, 4), shortcut.getOutputShapes(new Shape[] {x.getShape()})[0]);
            float[] v = y.toFloatArray();
            assertEquals((0 + 1 + 7 + 8) / 4f, v[0], 1e-6f); // full window
            assertEquals((6 + 13) / 2f, v[3], 1e-6f); // right border: 2 elements
            assertEquals((42 + 43) / 2f, v[12], 1e-6f); // bottom border: 2 elements
            assertEquals(48f, v[15], 1e-6f); // corner: 1 element
            for (int i = 16; i < 32; i++) {
                assertEquals(0f, v[i], "padded channel at " + i);
            }
            NDArray same = forward(new ZeroPadShortcut(1, 1), manager, x, true);
            assertArrayEquals(x.toFloatArray(), same.toFloatArray(), 0f);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZeroPadShortcut(3, 8));
            assertTrue(e.getMessage().contains("stride: expected 1 or 2, got 3"), e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new ZeroPadShortcut(1, 1).getOutputShapes(new Shape[] {new Shape(1, 2, 4, 4)}));
            assertTrue(e.getMessage().contains("expected at most 1, got 2"), e.getMessage());
        }
    }

    @Test
    void sgdStepsReduceCrossEntropyOnAFixedBatch() {
        Engine.getInstance().setRandomSeed(SEED);
        Shape shape = new Shape(4, 3, 16, 16);
        try (EncoderTraining training = new EncoderTraining(ResNet18Cifar.create(3), 2, 0.02f, shape)) {
            NDManager manager = training.manager();
            NDArray x = manager.randomNormal(shape);
            NDArray labels = manager.create(new float[] {0, 1, 1, 0});
            float first = training.step(x, labels);
            float last = first;
            for (int i = 0; i < 7; i++) {
                last = training.step(x, labels);
            }
            assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void freezingAllButTheLastChildTrainsOnlyLayer4() {
        Engine.getInstance().setRandomSeed(SEED);
        Shape shape = new Shape(4, 3, 16, 16);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(shape);
            NDArray labels = manager.create(new float[] {0, 1, 1, 0});
            EncoderTraining.assertOnlyLastChildTrains(ResNet18Cifar.create(3, 16), 2, x, labels, shape);
        }
    }

    @Test
    void savedParametersReloadToTheSameFeatures() throws Exception {
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 1, 12, 12);
            NDArray x = manager.randomNormal(shape);
            SequentialBlock net = ResNet18Cifar.create(1, 4);
            net.initialize(manager, DataType.FLOAT32, shape);
            forward(net, manager, x, true); // moves the BatchNorm running statistics
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));

            SequentialBlock copy = ResNet18Cifar.create(1, 4);
            copy.initialize(manager, DataType.FLOAT32, shape);
            copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(
                    forward(net, manager, x, false).toFloatArray(),
                    forward(copy, manager, x, false).toFloatArray(),
                    0f);
        }
    }

    @Test
    void badArgumentsAndInputsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResNet18Cifar.create(0));
        assertTrue(e.getMessage().contains("inChannels: expected at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResNet18Cifar.create(3, 0));
        assertTrue(e.getMessage().contains("baseWidth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResNet18Cifar.outputDim(-1));
        assertTrue(e.getMessage().contains("baseWidth"), e.getMessage());
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock rgb = ResNet18Cifar.create(3, 4);
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> rgb.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 32, 32)));
            assertTrue(e.getMessage().contains("ResNet18Cifar input channels: expected 3, got 1"), e.getMessage());
            SequentialBlock small = ResNet18Cifar.create(3, 4);
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> small.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 4, 4)));
            assertTrue(e.getMessage().contains("at least 8, got 4x4"), e.getMessage());
        }
    }
}
