package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/** Instances to the core's input: numeric as is, nominal one-hot, missing values imputed, labels and truth by name. */
class InstancesEncodingTest {

    private static final double M = Utils.missingValue();

    /** num (numeric), colour {red, green, blue}, known {a, b, c} (c never used), truth {x, y}. */
    private static Instances data() {
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("num"));
        atts.add(new Attribute("colour", List.of("red", "green", "blue")));
        atts.add(new Attribute("known", List.of("a", "b", "c")));
        atts.add(new Attribute("truth", List.of("x", "y")));
        Instances d = new Instances("enc", atts, 4);
        d.add(new DenseInstance(1, new double[] {1, 0, 0, 0}));
        d.add(new DenseInstance(1, new double[] {M, 2, 1, 1}));
        d.add(new DenseInstance(1, new double[] {5, 2, M, M}));
        d.add(new DenseInstance(1, new double[] {3, M, M, 1}));
        return d;
    }

    @Test
    void encodesNumericAsIsNominalOneHotAndImputesWithTrainingMeanAndMode() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");
        assertEquals(4, e.numColumns());
        assertEquals(List.of("num", "colour=red", "colour=green", "colour=blue"), e.columnNames());
        assertEquals(2, e.imputedValues());
        assertArrayEquals(new float[] {
            1, 1, 0, 0,
            3, 0, 0, 1,   // num missing: mean of 1, 5, 3
            5, 0, 0, 1,
            3, 0, 0, 1},  // colour missing: mode 'blue'
            e.features(d));
        assertArrayEquals(new float[] {3, 0, 0, 1}, e.features(d.instance(1)));
    }

    @Test
    void knownLabelsUseTheValuesThatLabelSomethingAndTruthKeepsMissing() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");
        assertEquals(List.of("a", "b"), e.knownClassNames());
        assertEquals(List.of("c"), e.unusedKnownValues());
        assertArrayEquals(new int[] {0, 1, DiscoveryData.UNLABELED, DiscoveryData.UNLABELED}, e.knownLabels(d));
        assertArrayEquals(new int[] {0, 1, -1, 1}, e.groundTruth(d));
        DiscoveryData core = e.toDiscoveryData(d);
        assertEquals(4, core.numRows());
        assertEquals(List.of("a", "b"), core.knownClassNames());
        assertTrue(!core.hasGroundTruth(), "ground truth with a missing value is not passed to the core");
    }

    @Test
    void withoutLabelAttributesEveryAttributeIsAFeatureAndEveryRowUnlabeled() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "", "");
        assertEquals(1 + 3 + 3 + 2, e.numColumns());
        assertTrue(e.knownClassNames().isEmpty());
        for (int l : e.knownLabels(d)) {
            assertEquals(DiscoveryData.UNLABELED, l);
        }
    }

    @Test
    void aNominalAttributeThatIsMissingEverywhereEncodesAsZeros() {
        Instances d = data();
        for (int i = 0; i < d.numInstances(); i++) {
            d.instance(i).setMissing(1);
        }
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "");
        // num, colour (all zero), truth one-hot (a feature here: no ground-truth attribute named)
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, e.features(d.instance(0)));
    }

    @Test
    void predictionDataMustHaveTheTrainingAttributes() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");
        Instances other = new Instances(d);
        other.renameAttribute(0, "number");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.checkCompatible(other));
        assertTrue(x.getMessage().contains("attribute 1 is 'number' (numeric), but NCL was trained with 'num' (numeric)"),
                x.getMessage());
    }
}
