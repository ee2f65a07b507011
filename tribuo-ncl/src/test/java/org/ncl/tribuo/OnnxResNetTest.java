package org.ncl.tribuo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncl.core.NclOptions;
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
        NclOptions o = NclOptions.builder(2).device(NclOptions.DeviceChoice.CPU).encoder(NclOptions.EncoderType.RESNET18)
                .pretrainMethod(NclOptions.PretrainMethod.NONE).supervisedEpochs(1).discoveryEpochs(1).batchSize(16)
                .unlabeledQueueSize(64).labeledQueueSize(64).selectionSampleSize(20).imagePadding(1).build();
        try (NclModel model = new NclTrainer(o, "1,10,10", 3L).train(TestData.blobDataset(train, "tiny-images"))) {
            FashionMnistEndToEndTest.assertOnnxRoundTrip(model, TestData.blobDataset(test, "tiny-images-test"),
                    dir.resolve("resnet.onnx"));
        }
    }
}
