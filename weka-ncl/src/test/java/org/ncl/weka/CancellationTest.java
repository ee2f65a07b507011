// SPDX-License-Identifier: GPL-3.0-or-later
package org.ncl.weka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.ncl.core.progress.TrainingCancelledException;
import weka.clusterers.NCL;
import weka.core.Instances;

/**
 * The Explorer's Stop button interrupts the worker thread: training must end promptly with an exception
 * (which the Explorer reports as an error), not run on or hang.
 */
class CancellationTest {

    @Test
    void interruptingTheTrainingThreadStopsTrainingWithinSeconds() throws Exception {
        Instances data = Fixtures.blobs(4, 250, 20, 5);
        // warm the engine first (its native start-up is not what is measured)
        Fixtures.tinyNcl(2).buildClusterer(new Instances(data, 0, 40));

        NCL ncl = Fixtures.tinyNcl(4);
        ncl.setPretrainEpochs(500); // minutes of work if it were not stopped
        ncl.setTrainingBatchSize(16);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        ncl.buildClusterer(data);
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "ncl-training");
        worker.start();
        Thread.sleep(1500); // well inside the pretraining stage
        assertTrue(worker.isAlive(), "training ended before it was interrupted: " + failure.get());
        long t0 = System.nanoTime();
        worker.interrupt();
        worker.join(10_000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertFalse(worker.isAlive(), "training still runs 10 s after the interrupt");
        System.out.printf("training stopped %.3f s after the interrupt: %s%n", seconds, failure.get());
        assertTrue(seconds < 5, "stopped after " + seconds + " s");
        Throwable t = failure.get();
        assertNotNull(t, "buildClusterer returned normally after an interrupt");
        assertInstanceOf(Exception.class, t);
        assertTrue(
                t.getMessage().startsWith("NCL was stopped: training cancelled during PRETRAIN epoch"), t.getMessage());
        assertInstanceOf(TrainingCancelledException.class, t.getCause());
        assertTrue(ncl.toString().contains("No model built yet."), "no half-trained model is kept");
    }
}
