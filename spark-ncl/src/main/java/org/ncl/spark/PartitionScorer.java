// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import org.ncl.core.NclPrediction;

/**
 * Scores one partition: opens one {@link OnnxScorer} (one ONNX Runtime session) at the partition's first row, reads
 * the rows in batches, and appends the chosen outputs to each row (label, novel flag, confidence, novel cluster, in
 * that order, those selected by {@link Outputs}). The session is closed when the partition is done or its task ends,
 * whichever comes first.
 */
final class PartitionScorer implements Iterator<Row> {

    /**
     * Which outputs a row gets, in the order label, novel, confidence, cluster.
     *
     * @param label the predicted label (a known class name or {@code novel-k})
     * @param novel whether the row is assigned to a novel cluster
     * @param confidence the probability of the predicted output
     * @param cluster the novel head's cluster (task-aware; {@code k} of {@code novel-k} for a novel row)
     */
    record Outputs(boolean label, boolean novel, boolean confidence, boolean cluster) implements java.io.Serializable {
        int count() {
            return (label ? 1 : 0) + (novel ? 1 : 0) + (confidence ? 1 : 0) + (cluster ? 1 : 0);
        }
    }

    private final Iterator<Row> input;
    private final NclOnnxModel model;
    private final FeatureColumns columns;
    private final Outputs outputs;
    private final int batchSize;
    private final int threads;
    private final int partition;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private OnnxScorer scorer;
    private long rowsRead;
    private boolean closed;

    PartitionScorer(
            Iterator<Row> input,
            NclOnnxModel model,
            FeatureColumns columns,
            Outputs outputs,
            int batchSize,
            int threads) {
        this.input = input;
        this.model = model;
        this.columns = columns;
        this.outputs = outputs;
        this.batchSize = batchSize;
        this.threads = threads;
        TaskContext task = TaskContext.get();
        this.partition = task == null ? 0 : task.partitionId();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && !closed) {
            if (input.hasNext()) {
                scoreBatch();
            } else {
                close();
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreBatch() {
        if (scorer == null) {
            scorer = model.openScorer(threads);
        }
        int nf = model.featureNames().size();
        List<Row> batch = new ArrayList<>(batchSize);
        float[] values = new float[batchSize * nf];
        while (batch.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            columns.read(row, values, batch.size() * nf, partition, rowsRead++);
            batch.add(row);
        }
        float[] rows = batch.size() == batchSize ? values : java.util.Arrays.copyOf(values, batch.size() * nf);
        List<NclPrediction> predictions = scorer.predict(rows);
        for (int i = 0; i < batch.size(); i++) {
            ready.add(withOutputs(batch.get(i), predictions.get(i)));
        }
    }

    private Row withOutputs(Row row, NclPrediction p) {
        int width = row.length();
        Object[] v = new Object[width + outputs.count()];
        for (int j = 0; j < width; j++) {
            v[j] = row.get(j);
        }
        int k = width;
        if (outputs.label()) {
            v[k++] = p.label();
        }
        if (outputs.novel()) {
            v[k++] = p.novel();
        }
        if (outputs.confidence()) {
            v[k++] = (double) p.confidence();
        }
        if (outputs.cluster()) {
            v[k] = p.novelCluster();
        }
        return RowFactory.create(v);
    }

    private void close() {
        if (!closed) {
            closed = true;
            if (scorer != null) {
                scorer.close();
                scorer = null;
            }
        }
    }
}
