// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncl.core.data.DiscoveryData;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.MultiFilter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.Remove;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

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
        assertArrayEquals(
                new float[] {
                    1, 1, 0, 0,
                    3, 0, 0, 1, // num missing: mean of 1, 5, 3
                    5, 0, 0, 1,
                    3, 0, 0, 1
                }, // colour missing: mode 'blue'
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

    /**
     * Where Weka's filters do the same thing (instance weights 1, every nominal attribute with a value in the training
     * data) the encoding is theirs: Remove (label and truth), ReplaceMissingValues, NominalToBinary with every value
     * transformed (a binary attribute gives two columns): same columns, names and order, same values, and a new
     * instance is imputed with the training statistics.
     */
    @Test
    void equalsWekasRemoveReplaceMissingValuesAndNominalToBinaryWhereTheyDoTheSameThing() throws Exception {
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("num"));
        atts.add(new Attribute("binary", List.of("no", "yes")));
        atts.add(new Attribute("known", List.of("a", "b")));
        atts.add(new Attribute("colour", List.of("red", "green", "blue")));
        atts.add(new Attribute("one", List.of("only")));
        atts.add(new Attribute("none", List.of()));
        atts.add(new Attribute("truth", List.of("x", "y", "z")));
        atts.add(new Attribute("last"));
        Instances d = new Instances("filters", atts, 6);
        d.add(new DenseInstance(1, new double[] {1.5, 0, 0, 1, 0, M, 0, -2}));
        d.add(new DenseInstance(1, new double[] {M, 1, 1, 2, M, M, 1, 0.25}));
        d.add(new DenseInstance(1, new double[] {4, 1, M, M, 0, M, 2, M}));
        d.add(new DenseInstance(1, new double[] {-0.1, M, M, 2, 0, M, 2, 7}));
        d.add(new DenseInstance(1, new double[] {2, 0, 1, 1, M, M, 0, 3}));
        d.add(new DenseInstance(1, new double[] {M, 1, M, M, 0, M, 1, M}));
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");

        Remove labels = new Remove();
        labels.setAttributeIndicesArray(new int[] {2, 6});
        NominalToBinary oneHot = new NominalToBinary();
        oneHot.setTransformAllValues(true);
        MultiFilter weka = new MultiFilter();
        weka.setFilters(new Filter[] {labels, new ReplaceMissingValues(), oneHot});
        weka.setInputFormat(d);
        Instances expected = Filter.useFilter(d, weka);

        List<String> names = new ArrayList<>();
        for (int a = 0; a < expected.numAttributes(); a++) {
            names.add(expected.attribute(a).name());
        }
        assertEquals(names, e.columnNames());
        assertEquals(expected.numAttributes(), e.numColumns());
        float[] rows = e.features(d);
        for (int i = 0; i < d.numInstances(); i++) {
            assertArrayEquals(
                    toFloat(expected.instance(i)),
                    Arrays.copyOfRange(rows, i * e.numColumns(), (i + 1) * e.numColumns()),
                    "instance " + i);
        }
        Instance unseen = new DenseInstance(1, new double[] {M, M, M, M, M, M, M, M});
        unseen.setDataset(d);
        weka.input(unseen);
        assertArrayEquals(toFloat(weka.output()), e.features(unseen));
    }

    private static float[] toFloat(Instance instance) {
        float[] out = new float[instance.numAttributes()];
        for (int a = 0; a < out.length; a++) {
            out[a] = (float) instance.value(a);
        }
        return out;
    }

    @Test
    void predictionDataMustHaveTheTrainingAttributes() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");
        Instances other = new Instances(d);
        other.renameAttribute(0, "number");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.checkCompatible(other));
        assertTrue(
                x.getMessage().contains("attribute 1 is 'number' (numeric), but NCL was trained with 'num' (numeric)"),
                x.getMessage());
    }

    /** One instance takes the same path as a batch: attributes in another order are rejected, not re-read. */
    @Test
    void aSingleInstanceWithReorderedAttributesIsRejectedLikeABatch() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("colour", List.of("red", "green", "blue")));
        atts.add(new Attribute("num"));
        atts.add(new Attribute("known", List.of("a", "b", "c")));
        atts.add(new Attribute("truth", List.of("x", "y")));
        Instances reordered = new Instances("enc", atts, 1);
        reordered.add(new DenseInstance(1, new double[] {2, 1, 0, 0}));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> e.features(reordered));
        IllegalArgumentException single =
                assertThrows(IllegalArgumentException.class, () -> e.features(reordered.instance(0)));
        assertEquals(batch.getMessage(), single.getMessage());
        assertTrue(single.getMessage().contains("attribute 1 is 'colour'"), single.getMessage());
        assertArrayEquals(e.features(d.instance(0)), e.features(new Instances(d, 0, 1)));
    }

    /**
     * A nominal attribute with the same number of values in another order is rejected (it would be misread: value
     * index 0 would mean 'blue' instead of 'red'), by batch and single instance alike, naming the attribute and value.
     */
    @Test
    void nominalValuesInAnotherOrderAreRejectedNotMisread() {
        Instances d = data();
        InstancesEncoding e = InstancesEncoding.fit(d, "known", "truth");
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("num"));
        atts.add(new Attribute("colour", List.of("blue", "green", "red")));
        atts.add(new Attribute("known", List.of("a", "b", "c")));
        atts.add(new Attribute("truth", List.of("x", "y")));
        Instances swapped = new Instances("enc", atts, 1);
        swapped.add(new DenseInstance(1, new double[] {1, 2, 0, 0})); // colour = red
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> e.features(swapped));
        IllegalArgumentException single =
                assertThrows(IllegalArgumentException.class, () -> e.features(swapped.instance(0)));
        assertEquals(batch.getMessage(), single.getMessage());
        assertTrue(
                single.getMessage()
                        .contains("nominal attribute 2 'colour' has value 1 'blue', but NCL was trained "
                                + "with 'red' there"),
                single.getMessage());
    }
}
