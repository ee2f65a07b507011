// SPDX-License-Identifier: Apache-2.0
package org.ncl.tribuo;

import static org.ncl.core.options.NclOptions.BATCH_SIZE;
import static org.ncl.core.options.NclOptions.DEVICE;
import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.IMAGE_PADDING;
import static org.ncl.core.options.NclOptions.LABELED_QUEUE_SIZE;
import static org.ncl.core.options.NclOptions.PRETRAIN_METHOD;
import static org.ncl.core.options.NclOptions.SELECTION_SAMPLE_SIZE;
import static org.ncl.core.options.NclOptions.SUPERVISED_EPOCHS;
import static org.ncl.core.options.NclOptions.UNLABELED_QUEUE_SIZE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.options.DeviceChoice;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.PretrainMethod;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * ONNX export of the paper's CIFAR ResNet-18 (parameter-free shortcut = AveragePool + channel Pad) on tiny 1×10×10
 * images, so the maps go 10, 5, 3, 2 and the ceil-mode average pooling meets partial windows.
 */
class OnnxResNetTest {

    @Test
    void resnet18ExportMatches(@TempDir Path dir) throws Exception {
        String[] names = new String[100];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format("p%03d", i);
        }
        Random rnd = new Random(11);
        List<Example<Label>> train = new ArrayList<>();
        List<Example<Label>> test = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            int c = i % 4;
            double[] v = new double[100];
            for (int j = 0; j < 100; j++) {
                int row = j / 10;
                int col = j % 10;
                boolean on = switch (c) {
                    case 0 -> row < 5;
                    case 1 -> col < 5;
                    case 2 -> row == col;
                    default -> (row + col) % 3 == 0;
                };
                v[j] = (on ? 1.0 : 0.0) + 0.3 * rnd.nextGaussian();
            }
            Label truth = new Label("c" + c);
            train.add(new ArrayExample<>(c < 2 ? truth : LabelFactory.UNKNOWN_LABEL, names, v));
            test.add(new ArrayExample<>(truth, names, v));
        }
        NclOptions o = NclOptions.builder(2)
                .set(DEVICE, DeviceChoice.CPU)
                .set(ENCODER, EncoderType.RESNET18)
                .set(PRETRAIN_METHOD, PretrainMethod.NONE)
                .set(SUPERVISED_EPOCHS, 1)
                .set(DISCOVERY_EPOCHS, 1)
                .set(BATCH_SIZE, 16)
                .set(UNLABELED_QUEUE_SIZE, 64)
                .set(LABELED_QUEUE_SIZE, 64)
                .set(SELECTION_SAMPLE_SIZE, 20)
                .set(IMAGE_PADDING, 1)
                .build();
        try (NclModel model = new NclTrainer(o, "1,10,10", 3L).train(TestData.blobDataset(train, "tiny-images"))) {
            FashionMnistEndToEndTest.assertOnnxRoundTrip(
                    model, TestData.blobDataset(test, "tiny-images-test"), dir.resolve("resnet.onnx"));
        }
    }
}
