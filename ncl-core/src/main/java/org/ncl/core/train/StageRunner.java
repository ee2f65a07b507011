// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.BATCH_SIZE;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;

/**
 * The epoch loop every stage shares: a seeded shuffle per epoch, one sub-manager per step (DJL puts an
 * operation's result in its first operand's manager, so without one native memory grows every step; with it,
 * it stays flat), forward and loss inside a gradient collector,
 * backward, the optimizer update, then the step's after-backward work (e.g. enqueueing), a
 * cancellation check per step and an {@link EpochReport} per epoch (to the listener, then to the
 * context's after-epoch callback).
 */
final class StageRunner {

    /** The loss of one step: the total to back-propagate, named terms to report, and work to do after backward. */
    record StepLoss(NDArray total, Map<String, NDArray> terms, Runnable afterBackward) {}

    /** Computes one step's loss on a batch of row ids. */
    interface StepFunction {
        StepLoss compute(NDManager step, ParameterStore ps, int[] batch, int epoch);
    }

    /** What an epoch's end reports: metrics (possibly empty) and the model-selection score (NaN if none). */
    record EpochSummary(Map<String, Double> metrics, double selectionScore) {
        static final EpochSummary NONE = new EpochSummary(Map.of(), Double.NaN);
    }

    /** A cosine learning-rate decay from {@code base} to 0 over {@code updates} optimizer updates (at least 1). */
    static Tracker cosineToZero(float base, int updates) {
        return Tracker.cosine()
                .setBaseValue(base)
                .optFinalValue(0f)
                .setMaxUpdates(Math.max(1, updates))
                .build();
    }

    /** Work at the end of an epoch. */
    interface EpochEnd {
        EpochEnd NONE = epoch -> EpochSummary.NONE;

        EpochSummary end(int epoch);
    }

    private StageRunner() {}

    /** Runs {@code epochs} epochs over {@code ids}; returns the reports. */
    static List<EpochReport> run(
            TrainingContext ctx,
            Stage stage,
            int epochs,
            int[] ids,
            Tracker learningRate,
            StepFunction function,
            EpochEnd end) {
        // the optimizer's state (momentum) lives as long as the stage: closing its manager frees it
        try (NDManager optimizerState = ctx.manager.newSubManager(ctx.device)) {
            return runEpochs(ctx, stage, epochs, ids, ctx.parameterStore(learningRate, optimizerState), function, end);
        }
    }

    private static List<EpochReport> runEpochs(
            TrainingContext ctx,
            Stage stage,
            int epochs,
            int[] ids,
            ParameterStore ps,
            StepFunction function,
            EpochEnd end) {
        int batch = ctx.options.get(BATCH_SIZE);
        int steps = ctx.stepsPerEpoch(ids.length);
        ctx.listener.onStageStart(stage, epochs, steps);
        List<EpochReport> reports = new java.util.ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            int[] order = ctx.shuffled(ids);
            Map<String, Double> sums = new LinkedHashMap<>();
            long rowsSeen = 0;
            for (int s = 0; s < steps; s++) {
                ctx.checkCancelled(stage, epoch);
                int[] rows = TrainingContext.slice(order, s * batch, batch);
                try (NDManager step = ctx.manager.newSubManager(ctx.device)) {
                    StepLoss loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        loss = function.compute(step, ps, rows, epoch);
                        gc.backward(loss.total());
                    }
                    ctx.update(ps);
                    if (loss.afterBackward() != null) {
                        loss.afterBackward().run();
                    }
                    sums.merge("total", (double) loss.total().getFloat(), Double::sum);
                    for (Map.Entry<String, NDArray> e : loss.terms().entrySet()) {
                        sums.merge(e.getKey(), (double) e.getValue().getFloat(), Double::sum);
                    }
                }
                rowsSeen += rows.length;
                Map<String, Double> running = new LinkedHashMap<>();
                int done = s + 1;
                sums.forEach((k, v) -> {
                    if (!k.equals("total")) {
                        running.put(k, v / done);
                    }
                });
                running.put("total", sums.get("total") / done);
                ctx.listener.onStep(stage, epoch, s, steps, java.util.Collections.unmodifiableMap(running));
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> means = new LinkedHashMap<>();
            List<Map.Entry<String, Double>> ordered = new java.util.ArrayList<>(sums.entrySet());
            ordered.add(ordered.remove(0)); // report a failing term before the total
            for (Map.Entry<String, Double> e : ordered) {
                double mean = e.getValue() / steps;
                if (!Double.isFinite(mean)) {
                    throw new IllegalStateException(stage + " epoch " + (epoch + 1) + ": loss term '" + e.getKey()
                            + "' is " + mean + "; lower the learning rate or check the input scale");
                }
                means.put(e.getKey(), mean);
            }
            EpochSummary summary = end.end(epoch);
            Map<String, Double> metrics = summary.metrics();
            double score = summary.selectionScore();
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochReport report =
                    new EpochReport(stage, epoch, epochs, means, metrics, score, rowsSeen / trainSeconds, seconds);
            reports.add(report);
            ctx.listener.onEpoch(report);
            ctx.afterEpoch.accept(report);
        }
        return reports;
    }
}
