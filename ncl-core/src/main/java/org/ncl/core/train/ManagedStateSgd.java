// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Sgd;
import java.util.Map;
import java.util.function.Function;

/**
 * DJL's SGD (momentum, weight decay) whose state, one momentum array per parameter, lives in a manager the caller
 * owns and closes. DJL's optimizers detach each state array from every manager and leave it to the garbage
 * collector, but a PyTorch array's native memory is freed only when the array is closed, never by the garbage
 * collector: with DJL's {@code Sgd} every stage of every training leaked natively one array of the size of each
 * parameter (the model's size in floats, per stage), and a JVM that trains again and again grew without bound.
 */
final class ManagedStateSgd extends Sgd {

    private final NDManager states;

    /**
     * @param builder the SGD settings (a learning-rate tracker is required)
     * @param states where the state arrays go; closing it frees them, after which this optimizer must not be used
     */
    ManagedStateSgd(Sgd.Builder builder, NDManager states) {
        super(builder);
        this.states = states;
    }

    @Override
    protected NDArray withDefaultState(
            Map<String, Map<Device, NDArray>> state,
            String key,
            Device device,
            Function<String, NDArray> defaultFunction) {
        NDArray array = super.withDefaultState(state, key, device, defaultFunction);
        if (array.getManager() != states) {
            array.attach(states);
        }
        return array;
    }
}
