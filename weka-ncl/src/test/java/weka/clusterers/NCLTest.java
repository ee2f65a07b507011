// SPDX-License-Identifier: GPL-3.0-or-later
package weka.clusterers;

/**
 * Weka's own clusterer battery ({@link AbstractClustererTest}: {@code CheckClusterer} on generated
 * nominal, numeric, string, date and relational data with and without missing values, zero training
 * instances, build initialisation, dataset integrity, the regression reference in
 * {@code src/test/resources/wekarefs}, {@code CheckOptionHandler} and {@code CheckGOE}) run on NCL
 * without a known-label attribute, i.e. as a plain clusterer, with tiny training settings.
 */
public class NCLTest extends AbstractClustererTest {

    /** JUnit 3 style constructor, as Weka's tests. */
    public NCLTest(String name) {
        super(name);
    }

    /** NCL as a plain clusterer with tiny settings (the battery's data sets have 20 instances). */
    @Override
    public Clusterer getClusterer() {
        return tiny();
    }

    /** Tiny settings that train in a fraction of a second on 20 instances. */
    static NCL tiny() {
        NCL ncl = new NCL();
        ncl.setNumNovelClasses(2);
        ncl.setPretrainEpochs(1);
        ncl.setSupervisedEpochs(1);
        ncl.setDiscoveryEpochs(1);
        ncl.setTrainingBatchSize(16);
        ncl.setCoreOptions("encoder=MLP, mlpHiddenSizes=[16], embeddingDim=8, projectionDim=8, unlabeledQueueSize=32, "
                + "labeledQueueSize=32, selectionSampleSize=20, hngEasyNegatives=8, hngKept=8");
        return ncl;
    }
}
