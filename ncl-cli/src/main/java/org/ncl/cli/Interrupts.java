// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C handling of the command-line tool. A shutdown hook (run by the JVM on SIGINT or SIGTERM) sets a flag
 * that the training core polls at every step ({@link org.ncl.core.NclTrainer#train(org.ncl.core.data.DiscoveryData,
 * org.ncl.core.progress.TrainingListener, BooleanSupplier)}), then waits until the command has finished (training
 * stopped, native memory released, the message printed) before the JVM exits. Nothing half-written is left:
 * the core writes model files atomically and the tool writes its other files the same way
 * ({@link AtomicFiles}), so files from an earlier run in the output directory stay as they were.
 *
 * <p>The hook also runs when the JVM exits for any other reason. A run counts as cancelled only when the hook runs
 * before {@link #finished()}: {@code main} calls that in a {@code finally} block, so a command that ends with an
 * {@link Error} (out of memory) is reported as that error and exits at once, not as a Ctrl-C after a wait.
 */
final class Interrupts {

    /** How long the hook waits for the command to wind down before the JVM exits anyway. */
    static final long WAIT_SECONDS = 60;

    private static final AtomicBoolean CANCELLED = new AtomicBoolean();
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private Interrupts() {}

    /** Installs the shutdown hook once. */
    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::onShutdown, "ncl-ctrl-c"));
        }
    }

    /** The cancellation flag that training polls. */
    static BooleanSupplier flag() {
        return CANCELLED::get;
    }

    /** Called by {@code main} when the command has finished and printed everything. */
    static void finished() {
        FINISHED.countDown();
    }

    private static void onShutdown() {
        if (FINISHED.getCount() == 0) {
            return; // a normal exit
        }
        CANCELLED.set(true);
        System.err.println("interrupted: stopping at the next training step ...");
        System.err.flush();
        try {
            if (!FINISHED.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("interrupted: the command did not stop within " + WAIT_SECONDS + " s; exiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
