// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ManagedStateSgd}: the momentum goes into the manager it is given and is freed with it (DJL's own SGD leaves
 * it in no manager, a native leak with PyTorch), and the updates are DJL's SGD with momentum.
 */
class ManagedStateSgdTest {

    private static final float[] W = {1f, -2f, 3f};
    private static final float[] G = {0.5f, 0.25f, -1f};

    private static Sgd.Builder sgd() {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f);
    }

    @Test
    void theMomentumLivesInTheGivenManagerAndClosingItFreesIt() {
        try (NDManager base = NDManager.newBaseManager(Device.cpu())) {
            NDManager states = base.newSubManager();
            NDArray w = base.create(W);
            NDArray g = base.create(G);
            ManagedStateSgd optimizer = new ManagedStateSgd(sgd(), states);
            optimizer.update("w", w, g);
            optimizer.update("w", w, g);
            List<NDArray> held = states.getManagedArrays();
            assertEquals(1, held.size(), "one momentum array for one parameter, after two updates");
            NDArray momentum = held.get(0);
            assertEquals(w.getShape(), momentum.getShape());
            states.close();
            assertTrue(momentum.isReleased(), "closing the manager frees the momentum");
            assertEquals(2, base.getManagedArrays().size(), "the weight and the gradient only");
        }
    }

    @Test
    void theUpdatesAreSgdWithMomentum() {
        try (NDManager base = NDManager.newBaseManager(Device.cpu())) {
            NDArray w = base.create(W);
            NDArray plain = base.create(W);
            NDArray g = base.create(G);
            ManagedStateSgd managed = new ManagedStateSgd(sgd(), base.newSubManager());
            Sgd djl = sgd().build();
            managed.update("w", w, g);
            djl.update("w", plain, g);
            // the first step of SGD with momentum is a plain gradient step
            float[] first = new float[W.length];
            for (int i = 0; i < W.length; i++) {
                first[i] = W[i] - 0.1f * G[i];
            }
            assertArrayEquals(first, w.toFloatArray(), 1e-6f);
            managed.update("w", w, g);
            djl.update("w", plain, g);
            // the second adds the momentum of the first: w - lr * (g + 0.9 g) more
            float[] second = new float[W.length];
            for (int i = 0; i < W.length; i++) {
                second[i] = first[i] - 0.1f * 1.9f * G[i];
            }
            assertArrayEquals(second, w.toFloatArray(), 1e-6f);
            assertArrayEquals(plain.toFloatArray(), w.toFloatArray(), 0f);
        }
    }

    /** Why the class exists: with DJL's SGD the momentum array is in no manager, so nothing ever closes it. */
    @Test
    void djlsSgdLeavesItsMomentumInNoManager() {
        try (NDManager base = NDManager.newBaseManager(Device.cpu())) {
            NDArray w = base.create(W);
            NDArray g = base.create(G);
            sgd().build().update("w", w, g);
            List<NDArray> held = base.getManagedArrays();
            assertEquals(2, held.size(), "the weight and the gradient: the momentum was detached");
            assertFalse(held.stream().anyMatch(a -> a != w && a != g));
        }
    }
}
