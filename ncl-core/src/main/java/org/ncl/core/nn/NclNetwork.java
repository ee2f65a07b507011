// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The network of NCL: an encoder Ω producing the feature f, a head φ_l (Linear f → C_l) for the
 * known classes and a head φ_u (Linear f → C_u) for the novel classes. {@code forward} returns
 * {@code [f, φ_l(f), φ_u(f)]}; the contrastive space is z = f / ||f||. With zero known classes (plain
 * clustering) there is no φ_l and its output is an empty (b &times; 0) array.
 *
 * <p>Zhong et al., "Neighborhood Contrastive Learning for Novel Class Discovery", CVPR 2021, section 3.
 */
public final class NclNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock encoder;
    private final Linear knownHead;
    private final Linear novelHead;

    /** A network around {@code encoder} with heads for {@code numKnown} and {@code numNovel} classes. */
    public NclNetwork(SequentialBlock encoder, int numKnown, int numNovel) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", encoder);
        this.knownHead = numKnown > 0
                ? addChildBlock("knownHead", Linear.builder().setUnits(numKnown).build())
                : null;
        this.novelHead =
                addChildBlock("novelHead", Linear.builder().setUnits(numNovel).build());
    }

    /** The encoder Ω. */
    public SequentialBlock encoder() {
        return encoder;
    }

    /** The novel-class head φ_u. */
    public Linear novelHead() {
        return novelHead;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList f = encoder.forward(ps, inputs, training, params);
        NDArray features = f.singletonOrThrow();
        NDArray known = knownHead != null
                ? knownHead.forward(ps, f, training, params).singletonOrThrow()
                : features.getManager()
                        .zeros(new Shape(features.getShape().get(0), 0), features.getDataType(), features.getDevice());
        NDList novel = novelHead.forward(ps, f, training, params);
        return new NDList(features, known, novel.singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] f = encoder.getOutputShapes(inputShapes);
        Shape known = knownHead != null ? knownHead.getOutputShapes(f)[0] : new Shape(f[0].get(0), 0);
        return new Shape[] {f[0], known, novelHead.getOutputShapes(f)[0]};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        Shape[] f = encoder.getOutputShapes(inputShapes);
        if (knownHead != null) {
            knownHead.initialize(manager, dataType, f);
        }
        novelHead.initialize(manager, dataType, f);
    }
}
