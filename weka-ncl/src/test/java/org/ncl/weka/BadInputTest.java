// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.clusterers.NCL;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Bad input gets an exception whose message names the attribute or option and says what was expected
 * (the Explorer shows the message in its log and an error dialog); none of these trains a network.
 */
class BadInputTest {

    /** 'x0', 'x1' numeric, 'known' {a,b,c} with labels on the first rows, 'truth' {a,b,c,d}. */
    private static Instances labeled(int rows, int labeledRows) {
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x0"));
        atts.add(new Attribute("x1"));
        atts.add(new Attribute("known", List.of("a", "b", "c")));
        atts.add(new Attribute("truth", List.of("a", "b", "c", "d")));
        Instances data = new Instances("t", atts, rows);
        for (int i = 0; i < rows; i++) {
            data.add(new DenseInstance(
                    1, new double[] {i, i % 3, i < labeledRows ? i % 2 : Utils.missingValue(), i % 4}));
        }
        return data;
    }

    private static String failure(NCL ncl, Instances data) {
        Exception e = assertThrows(Exception.class, () -> ncl.buildClusterer(data));
        return e.getMessage();
    }

    @Test
    void aStringAttributeIsNamed() {
        Instances data = labeled(10, 4);
        data.insertAttributeAt(new Attribute("comment", (List<String>) null), 1);
        String m = failure(new NCL(), data);
        assertTrue(m.contains("string attribute 'comment'"), m);
    }

    @Test
    void aDateAttributeIsNamed() {
        Instances data = labeled(10, 4);
        data.insertAttributeAt(new Attribute("when", "yyyy-MM-dd"), 0);
        String m = failure(new NCL(), data);
        assertTrue(m.contains("date attribute 'when'"), m);
    }

    @Test
    void anUnknownKnownLabelAttributeNameListsTheAttributes() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("label");
        String m = failure(ncl, labeled(10, 4));
        assertTrue(m.contains("known-label attribute (option -known-label) 'label' is not in the data"), m);
        assertTrue(m.contains("its nominal attributes are [known, truth] (4 attributes in all"), m);
    }

    @Test
    void aNumericKnownLabelAttributeIsRejected() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("x1");
        String m = failure(ncl, labeled(10, 4));
        assertTrue(m.contains("'x1' is numeric, but it must be nominal"), m);
    }

    @Test
    void anUnknownGroundTruthAttributeIsNamed() {
        NCL ncl = new NCL();
        ncl.setGroundTruthAttribute("gt");
        String m = failure(ncl, labeled(10, 4));
        assertTrue(m.contains("ground-truth attribute (option -ground-truth) 'gt' is not in the data"), m);
    }

    @Test
    void theSameAttributeForLabelsAndTruthIsRejected() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        ncl.setGroundTruthAttribute("known");
        String m = failure(ncl, labeled(10, 4));
        assertTrue(m.contains("are the same attribute 'known'"), m);
    }

    @Test
    void noUnlabeledInstances() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        String m = failure(ncl, labeled(10, 10));
        assertTrue(m.startsWith("no unlabeled instances: the known-label attribute 'known' labels every instance"), m);
    }

    @Test
    void allKnownLabelsMissing() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        String m = failure(ncl, labeled(10, 0));
        assertTrue(m.contains("'known' labels no instance (all its values are missing)"), m);
    }

    @Test
    void aSingleKnownClass() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        String m = failure(ncl, labeled(10, 1));
        assertTrue(m.contains("labels instances of only one class [a]"), m);
    }

    @Test
    void moreNovelClassesThanUnlabeledInstances() {
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        ncl.setNumNovelClasses(7);
        String m = failure(ncl, labeled(10, 4));
        assertTrue(m.contains("'numNovelClasses' (-num-novel) = 7 is more than the 6 unlabeled training instances"), m);
        // the core's check, reworded: the typed exception keeps what is wrong
        org.ncl.core.InvalidInputException e =
                assertThrows(org.ncl.core.InvalidInputException.class, () -> ncl.buildClusterer(labeled(10, 4)));
        assertEquals(org.ncl.core.InvalidInputException.Problem.TOO_MANY_NOVEL_CLASSES, e.problem());
        assertEquals(6, e.unlabeledRows().getAsInt());
    }

    @Test
    void aKnownClassNamedLikeANovelCluster() {
        Instances data = labeled(10, 4);
        data.renameAttributeValue(data.attribute("known"), "b", "novel-1");
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        ncl.setNumNovelClasses(2);
        String m = failure(ncl, data);
        assertTrue(m.contains("'known' has the value 'novel-1' (instance 2 is the first), a name reserved"), m);
    }

    @Test
    void noTrainingInstances() {
        String m = failure(new NCL(), labeled(0, 0));
        assertTrue(m.contains("no training instances"), m);
    }

    @Test
    void onlyLabelAndTruthAttributesLeaveNoFeatures() {
        Instances data = labeled(10, 4);
        data.deleteAttributeAt(0);
        data.deleteAttributeAt(0);
        NCL ncl = new NCL();
        ncl.setKnownLabelAttribute("known");
        ncl.setGroundTruthAttribute("truth");
        String m = failure(ncl, data);
        assertTrue(m.startsWith("no feature attributes"), m);
    }

    @Test
    void badCoreOptionsAreNamedWhenSet() {
        NCL ncl = new NCL();
        Exception unknown =
                assertThrows(Exception.class, () -> ncl.setOptions(new String[] {"-core-options", "noSuchOption=3"}));
        assertTrue(unknown.getMessage().startsWith("unknown option 'noSuchOption'"), unknown.getMessage());
        Exception value =
                assertThrows(Exception.class, () -> ncl.setOptions(new String[] {"-core-options", "hngKept=many"}));
        assertTrue(
                value.getMessage().startsWith("option 'hngKept': cannot use 'many' (expected an integer)"),
                value.getMessage());
        Exception pair =
                assertThrows(Exception.class, () -> ncl.setOptions(new String[] {"-core-options", "hardNegatives"}));
        assertTrue(pair.getMessage().contains("'hardNegatives' is not a name=value pair"), pair.getMessage());
        Exception range = assertThrows(Exception.class, () -> ncl.setOptions(new String[] {"-discovery-epochs", "0"}));
        assertTrue(
                range.getMessage().contains("option 'discoveryEpochs' must be at least 1, got 0"), range.getMessage());
    }

    @Test
    void predictingBeforeTrainingSaysSo() {
        NCL ncl = new NCL();
        Instances data = labeled(3, 0);
        Exception e = assertThrows(Exception.class, () -> ncl.clusterInstance(data.instance(0)));
        assertEquals("NCL: no model built yet (call buildClusterer first)", e.getMessage());
        assertThrows(Exception.class, ncl::numberOfClusters);
        assertTrue(ncl.toString().contains("No model built yet."));
    }
}
