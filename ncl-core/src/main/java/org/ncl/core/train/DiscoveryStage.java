// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.DISCOVERY_EPOCHS;
import static org.ncl.core.options.NclOptions.ENTROPY_WEIGHT;
import static org.ncl.core.options.NclOptions.FREEZE_EARLY_LAYERS;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.HNG_START_EPOCH;
import static org.ncl.core.options.NclOptions.LEARNING_RATE;
import static org.ncl.core.options.NclOptions.LR_DECAY_AT;
import static org.ncl.core.options.NclOptions.LR_DECAY_FACTOR;
import static org.ncl.core.options.NclOptions.LR_SCHEDULE;
import static org.ncl.core.options.NclOptions.MODEL_SELECTION;
import static org.ncl.core.options.NclOptions.NOVEL_HEAD_INIT;
import static org.ncl.core.options.NclOptions.PSEUDO_LABELS;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.SELECTION_SAMPLE_SIZE;
import static org.ncl.core.options.NclOptions.TARGET_WEIGHT;
import static org.ncl.core.options.NclOptions.WARMUP_EPOCHS;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ncl.core.clustering.KMeans;
import org.ncl.core.clustering.KMeansResult;
import org.ncl.core.loss.NclLoss;
import org.ncl.core.metrics.ClusteringScores;
import org.ncl.core.nn.Encoders;
import org.ncl.core.nn.Inference;
import org.ncl.core.options.LrSchedule;
import org.ncl.core.options.ModelSelection;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.NovelHeadInit;
import org.ncl.core.options.PseudoLabels;
import org.ncl.core.progress.CollapseReport;
import org.ncl.core.progress.EpochReport;
import org.ncl.core.progress.Stage;
import org.ncl.core.tensor.ParameterValues;

/**
 * Stage 3 of NCL: the joint discovery objective ({@link NclLoss}) on batches that mix labeled and
 * unlabeled rows, two augmented views each. After every epoch it scores the novel head with the
 * label-free rule ({@link LabelFreeSelection}) and keeps the best epoch's weights (the drift guard),
 * warns when the novel head collapses onto fewer clusters than requested, detects collapse (one cluster, low
 * cluster-size entropy, falling embedding spread: {@link CollapseReport}, reported through
 * {@code TrainingListener.onCollapse}), and, when the data carries
 * ground truth, reports novel ACC/NMI/ARI on a fixed sample of up to 5,000 unlabeled rows and the
 * known head's accuracy on up to 2,500 labeled rows (never used for any decision).
 */
public final class DiscoveryStage {

    /** The reports and the selected epoch (0-based) with its score. */
    public record Outcome(List<EpochReport> reports, int selectedEpoch, double selectionScore) {}

    private static final int KMEANS_ROWS = 20000;
    /** Unlabeled rows (fixed sample) on which per-epoch metrics are reported when ground truth is present. */
    static final int REPORT_ROWS = 5000;

    private DiscoveryStage() {}

    /** Runs the stage on all rows of the context, without cluster targets. */
    public static Outcome run(TrainingContext ctx) {
        return run(ctx, null);
    }

    /**
     * Runs the stage on all rows of the context. With cluster {@code targets} (per row, −1 for none; from
     * {@link ClusterTargets}) the novel head starts from their centroids in the embedding (when it starts from
     * k-means) and every step adds {@code targetWeight} × the cross-entropy of one softmax over both heads'
     * logits: the known label for labeled rows, C_l + cluster for unlabeled rows with a target, both views (UNO's
     * single classifier over known and novel classes, Fini et al., ICCV 2021).
     */
    public static Outcome run(TrainingContext ctx, int[] targets) {
        var o = ctx.options;
        if (o.get(FREEZE_EARLY_LAYERS)) {
            Encoders.freezeAllButLast(ctx.network.network().encoder(), true);
        }
        int[] all = IntStream.range(0, ctx.numRows).toArray();
        int[] unlabeled = IntStream.range(0, ctx.numRows)
                .filter(i -> ctx.knownLabels[i] < 0)
                .toArray();
        int[] labeled = IntStream.range(0, ctx.numRows)
                .filter(i -> ctx.knownLabels[i] >= 0)
                .toArray();
        int[] selectionRows = TrainingContext.sample(ctx.random, unlabeled, o.get(SELECTION_SAMPLE_SIZE));
        // Reporting has its own random source: whether ground truth is present must not change training.
        SplittableRandom reportRandom = new SplittableRandom(o.get(SEED) ^ 0x5DEECE66DL);
        int[] reportUnlabeled =
                ctx.groundTruth == null ? new int[0] : TrainingContext.sample(reportRandom, unlabeled, REPORT_ROWS);
        int[] reportLabeled =
                ctx.groundTruth == null ? new int[0] : TrainingContext.sample(reportRandom, labeled, REPORT_ROWS / 2);
        Tracker lr = learningRate(o, ctx.stepsPerEpoch(all.length));
        int featureDim = (int) ctx.network
                .network()
                .encoder()
                .getOutputShapes(new ai.djl.ndarray.types.Shape[] {ctx.batchShape(1)})[0]
                .get(1);
        NclLoss loss = new NclLoss(o, featureDim, ctx.random);
        if (o.get(NOVEL_HEAD_INIT) == NovelHeadInit.KMEANS && targets != null) {
            initialiseNovelHeadFromTargets(ctx, targets);
        } else if (o.get(NOVEL_HEAD_INIT) == NovelHeadInit.KMEANS) {
            initialiseNovelHead(ctx, TrainingContext.sample(ctx.random, unlabeled, KMEANS_ROWS));
        }

        Inference.Outputs before = ctx.infer(selectionRows);
        double initialSpread = CollapseReport.spread(before.normalisedFeatures(), before.n(), before.d());
        double[] best = {Double.NEGATIVE_INFINITY};
        int[] bestEpoch = {-1};
        byte[][] bestParams = {null};
        StageRunner.EpochEnd end = epoch -> {
            Inference.Outputs out = ctx.infer(selectionRows);
            int used = (int) Arrays.stream(out.novelArgmax()).distinct().count();
            if (used < o.numNovelClasses()) {
                ctx.listener.onMessage(String.format(
                        "warning: discovery epoch %d: the novel head uses %d of %d clusters "
                                + "on the selection rows (collapse); consider %s",
                        epoch + 1, used, o.numNovelClasses(), collapseAdvice(o)));
            }
            CollapseReport collapse = CollapseReport.assess(
                    Stage.DISCOVERY,
                    epoch,
                    out.novelArgmax(),
                    o.numNovelClasses(),
                    out.normalisedFeatures(),
                    out.n(),
                    out.d(),
                    initialSpread);
            if (collapse != null) {
                ctx.listener.onMessage("warning: " + collapse + "; consider " + collapseAdvice(o));
                ctx.listener.onCollapse(collapse);
            }
            Map<String, Double> metrics =
                    ctx.groundTruth == null ? Map.of() : evaluate(ctx, reportUnlabeled, reportLabeled);
            double score = LabelFreeSelection.score(
                    out.normalisedFeatures(), out.n(), out.d(), out.novelArgmax(), o.numNovelClasses());
            if (o.get(MODEL_SELECTION) == ModelSelection.LAST || score > best[0]) {
                best[0] = score;
                bestEpoch[0] = epoch;
                bestParams[0] = o.get(MODEL_SELECTION) == ModelSelection.LAST ? null : snapshot(ctx);
            }
            return new StageRunner.EpochSummary(metrics, score);
        };
        List<EpochReport> reports = StageRunner.run(
                ctx,
                Stage.DISCOVERY,
                o.get(DISCOVERY_EPOCHS),
                all,
                lr,
                (m, ps, batch, epoch) -> {
                    int[] ordered = labeledFirst(ctx, batch);
                    int bl = (int) Arrays.stream(ordered)
                            .filter(i -> ctx.knownLabels[i] >= 0)
                            .count();
                    int[] labels = new int[bl];
                    for (int i = 0; i < bl; i++) {
                        labels[i] = ctx.knownLabels[ordered[i]];
                    }
                    int b = ordered.length;
                    NDList out = ctx.network.forward(ps, new NDList(ctx.twoViews(m, ordered, false)), true);
                    NDArray f = out.get(0);
                    NDArray k = out.get(1);
                    NDArray u = out.get(2);
                    NclLoss.Result r = loss.compute(
                            m,
                            f.get("0:{}", b),
                            f.get("{}:", b),
                            k.get("0:{}", b),
                            k.get("{}:", b),
                            u.get("0:{}", b),
                            u.get("{}:", b),
                            labels,
                            epoch);
                    if (targets == null || o.get(TARGET_WEIGHT) == 0) {
                        return new StageRunner.StepLoss(r.total(), r.terms(), () -> loss.enqueue(r));
                    }
                    int numKnown = (int) k.getShape().get(1);
                    int[] joint = new int[2 * b];
                    for (int i = 0; i < b; i++) {
                        int row = ordered[i];
                        int t = ctx.knownLabels[row] >= 0
                                ? ctx.knownLabels[row]
                                : targets[row] >= 0 ? numKnown + targets[row] : -1;
                        joint[i] = t;
                        joint[b + i] = t;
                    }
                    NDArray ce = NclLoss.jointCrossEntropy(k, u, joint);
                    if (ce == null) {
                        return new StageRunner.StepLoss(r.total(), r.terms(), () -> loss.enqueue(r));
                    }
                    Map<String, NDArray> terms = new LinkedHashMap<>(r.terms());
                    terms.put("target", ce);
                    return new StageRunner.StepLoss(
                            r.total().add(ce.mul(o.get(TARGET_WEIGHT).floatValue())), terms, () -> loss.enqueue(r));
                },
                end);
        if (bestParams[0] != null) {
            restore(ctx, bestParams[0]);
            ctx.listener.onMessage(String.format(
                    "model selection: kept discovery epoch %d of %d (label-free score %.4f)",
                    bestEpoch[0] + 1, o.get(DISCOVERY_EPOCHS), best[0]));
        }
        if (o.get(FREEZE_EARLY_LAYERS)) {
            Encoders.freezeAllButLast(ctx.network.network().encoder(), false);
        }
        return new Outcome(reports, bestEpoch[0], best[0]);
    }

    /**
     * The discovery learning rate for update number {@code n}, from DJL's trackers. With W warm-up updates
     * ({@code warmupEpochs} epochs, at most all of them) it rises linearly, base·(n+1)/W, reaching the base rate at
     * update W − 1; from update W on it follows the schedule: COSINE from the base rate to 0 over the remaining
     * updates (0 after them), STEP the base rate until update round(lrDecayAt·epochs)·steps and base·lrDecayFactor from
     * it. DJL's linear warm-up reaches its main tracker's first value one update later (at W, starting from its begin
     * value at 0), so the ramp here is W − 1 updates from base/W, then the base rate is held for one update
     * (a CONSTANT warm-up) before the schedule: the same rates as this stage's former hand-written schedule up to
     * float rounding, DJL's cosine being computed in float ({@code DiscoveryLearningRateTest}). DJL's optimizer asks
     * for update 1 first, so base/W (update 0) is never used and the last update gets the cosine's final 0.
     */
    static Tracker learningRate(NclOptions o, int stepsPerEpoch) {
        float base = o.get(LEARNING_RATE).floatValue();
        int warmupSteps = Math.min(o.get(WARMUP_EPOCHS), o.get(DISCOVERY_EPOCHS)) * stepsPerEpoch;
        int totalSteps = o.get(DISCOVERY_EPOCHS) * stepsPerEpoch;
        Tracker schedule;
        if (o.get(LR_SCHEDULE) == LrSchedule.COSINE) {
            schedule = StageRunner.cosineToZero(base, totalSteps - warmupSteps);
        } else {
            int decayStep = (int) Math.round(o.get(LR_DECAY_AT) * o.get(DISCOVERY_EPOCHS)) * stepsPerEpoch;
            Tracker decayed = Tracker.fixed((float) (o.get(LEARNING_RATE) * o.get(LR_DECAY_FACTOR)));
            schedule = hold(base, Math.max(0, decayStep - warmupSteps), decayed);
        }
        if (warmupSteps == 0) {
            return schedule;
        }
        return Tracker.warmUp()
                .setMainTracker(hold(base, 1, schedule))
                .optWarmUpSteps(warmupSteps - 1)
                .optWarmUpBeginValue(base / warmupSteps)
                .build();
    }

    /** {@code value} for the first {@code updates} updates, then {@code then} (counting from 0 again). */
    private static Tracker hold(float value, int updates, Tracker then) {
        return Tracker.warmUp()
                .setMainTracker(then)
                .optWarmUpSteps(updates)
                .optWarmUpBeginValue(value)
                .optWarmUpMode(WarmUpTracker.Mode.CONSTANT)
                .build();
    }

    /** Novel ACC/NMI/ARI of the novel head on the unlabeled rows and accuracy of the known head on the labeled rows. */
    static Map<String, Double> evaluate(TrainingContext ctx, int[] unlabeled, int[] labeled) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (unlabeled.length > 0) {
            Inference.Outputs out = ctx.infer(unlabeled);
            int[] truth = Arrays.stream(unlabeled).map(i -> ctx.groundTruth[i]).toArray();
            ClusteringScores s = ClusteringScores.of(truth, out.novelArgmax());
            m.put("novelAcc", s.accuracy());
            m.put("novelNmi", s.nmi());
            m.put("novelAri", s.ari());
        }
        if (labeled.length > 0) {
            Inference.Outputs out = ctx.infer(labeled);
            int[] pred = out.knownArgmax();
            int correct = 0;
            for (int i = 0; i < labeled.length; i++) {
                if (pred[i] == ctx.knownLabels[labeled[i]]) {
                    correct++;
                }
            }
            m.put("knownTrainAcc", correct / (double) labeled.length);
        }
        return m;
    }

    /** Sets φ_u's weight rows to the unit-norm k-means centroids of z on {@code rows}, bias 0. */
    static void initialiseNovelHead(TrainingContext ctx, int[] rows) {
        Inference.Outputs out = ctx.infer(rows);
        int k = ctx.options.numNovelClasses();
        KMeansResult km = new KMeans(KMeans.Options.of(k).withRestarts(3).withSeed(ctx.random.nextLong()))
                .fit(out.normalisedFeatures(), out.d());
        setNovelHead(ctx, km::centroid, out.d());
        ctx.listener.onMessage("novel head initialised from k-means on " + rows.length + " unlabeled rows");
    }

    /** Sets φ_u's weight rows to the unit-norm centroids of z of each target cluster, bias 0. */
    static void initialiseNovelHeadFromTargets(TrainingContext ctx, int[] targets) {
        int[] rows =
                IntStream.range(0, targets.length).filter(i -> targets[i] >= 0).toArray();
        Inference.Outputs out = ctx.infer(rows);
        int k = ctx.options.numNovelClasses();
        int d = out.d();
        double[][] sums = new double[k][d];
        float[] z = out.normalisedFeatures();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                sums[targets[rows[i]]][j] += z[i * d + j];
            }
        }
        setNovelHead(ctx, c -> sums[c], d);
        ctx.listener.onMessage("novel head initialised from the cluster targets of " + rows.length + " unlabeled rows");
    }

    private static void setNovelHead(TrainingContext ctx, java.util.function.IntFunction<double[]> centroids, int d) {
        int k = ctx.options.numNovelClasses();
        float[] w = new float[k * d];
        for (int c = 0; c < k; c++) {
            double[] centroid = centroids.apply(c);
            double norm = 0;
            for (double v : centroid) {
                norm += v * v;
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int j = 0; j < d; j++) {
                w[c * d + j] = (float) (centroid[j] / norm);
            }
        }
        Linear head = ctx.network.network().novelHead();
        for (Pair<String, Parameter> p : head.getParameters()) {
            NDArray array = p.getValue().getArray();
            if ("weight".equals(p.getKey())) {
                ParameterValues.set(array, w);
            } else {
                ParameterValues.set(array, new float[Math.toIntExact(array.size())]);
            }
        }
    }

    /**
     * What to change against a collapse, given the settings in use: only settings that differ from the current
     * ones are suggested (never {@code pseudoLabels=ADAPTIVE} when it already is), in the order of
     * {@link CollapseReport}'s advice.
     */
    static String collapseAdvice(NclOptions o) {
        List<String> advice = new ArrayList<>();
        if (o.get(PSEUDO_LABELS) != PseudoLabels.ADAPTIVE) {
            advice.add("pseudoLabels=ADAPTIVE");
        }
        if (o.get(ENTROPY_WEIGHT) <= 0) {
            advice.add("entropyWeight=1");
        }
        if (o.get(HARD_NEGATIVES)) {
            advice.add("hardNegatives=false (or a later hngStartEpoch than " + o.get(HNG_START_EPOCH) + ")");
        }
        advice.add("a lower learningRate than " + o.get(LEARNING_RATE));
        return String.join(" or ", advice);
    }

    private static int[] labeledFirst(TrainingContext ctx, int[] batch) {
        int[] out = new int[batch.length];
        int p = 0;
        for (int i : batch) {
            if (ctx.knownLabels[i] >= 0) {
                out[p++] = i;
            }
        }
        for (int i : batch) {
            if (ctx.knownLabels[i] < 0) {
                out[p++] = i;
            }
        }
        return out;
    }

    private static byte[] snapshot(TrainingContext ctx) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ctx.network.network().saveParameters(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restore(TrainingContext ctx, byte[] params) {
        try {
            ctx.network.network().loadParameters(ctx.manager, new DataInputStream(new ByteArrayInputStream(params)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("could not restore the selected epoch's parameters", e);
        }
    }
}
