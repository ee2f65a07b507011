// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What is trained: the {@link NclNetwork} plus the heads used only in self-supervised pretraining
 * (a projection MLP for the contrastive objective, SimCLR-style; a 4-way rotation head for RotNet).
 * Only the {@link NclNetwork} is kept in a saved model. {@code forward} is the network's forward; the
 * pretraining heads are called on the features through {@link #projection()} and {@link #rotation()}.
 */
public final class TrainingNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final NclNetwork network;
    private final SequentialBlock projection;
    private final Linear rotation;

    /** Wraps {@code network}, adding a projection head of width {@code projectionDim}. */
    public TrainingNetwork(NclNetwork network, int featureDim, int projectionDim) {
        super(VERSION);
        this.network = addChildBlock("network", network);
        this.projection = addChildBlock(
                "projection",
                new SequentialBlock()
                        .add(Linear.builder().setUnits(featureDim).build())
                        .add(BatchNorm.builder().build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(projectionDim).build()));
        this.rotation = addChildBlock("rotation", Linear.builder().setUnits(4).build());
    }

    /** The network that is saved. */
    public NclNetwork network() {
        return network;
    }

    /** Projection head g(f) of contrastive pretraining. */
    public SequentialBlock projection() {
        return projection;
    }

    /** Rotation head of RotNet pretraining. */
    public Linear rotation() {
        return rotation;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return network.forward(ps, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        network.initialize(manager, dataType, inputShapes);
        Shape[] f = new Shape[] {network.getOutputShapes(inputShapes)[0]};
        projection.initialize(manager, dataType, f);
        rotation.initialize(manager, dataType, f);
    }
}
