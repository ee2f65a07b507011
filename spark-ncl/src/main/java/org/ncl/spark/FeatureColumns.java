// SPDX-License-Identifier: Apache-2.0
package org.ncl.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where a row's model features come from in a DataFrame: one numeric column per feature, in the model's column order,
 * or one column holding all of them (an ML {@link Vector} or an array of numbers). Resolved once against the schema
 * ({@link #resolve}, which says what does not fit), then used on the executors to copy rows into the float array
 * ONNX Runtime takes ({@link #read}), with an error naming the partition, row and column of a missing or non-finite
 * value.
 */
final class FeatureColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind {
        SCALARS,
        VECTOR,
        ARRAY
    }

    private final Kind kind;
    private final String[] names;
    private final int[] indices;
    private final int numFeatures;

    private FeatureColumns(Kind kind, String[] names, int[] indices, int numFeatures) {
        this.kind = kind;
        this.names = names;
        this.indices = indices;
        this.numFeatures = numFeatures;
    }

    /**
     * Resolves the input columns against a schema.
     *
     * @param schema the DataFrame's schema
     * @param inputCols the input columns: one per feature in the model's order, or one vector or array column
     * @param featureNames the model's feature names
     * @return the resolved columns
     * @throws IllegalArgumentException naming the column that is missing or of the wrong type, or saying how many
     *     columns the model needs
     */
    static FeatureColumns resolve(StructType schema, String[] inputCols, List<String> featureNames) {
        int nf = featureNames.size();
        if (inputCols == null || inputCols.length == 0) {
            throw new IllegalArgumentException("inputCols is empty: name the model's " + nf
                    + " feature columns in its order, or one vector or array column");
        }
        List<String> present = Arrays.asList(schema.fieldNames());
        int[] indices = new int[inputCols.length];
        for (int j = 0; j < inputCols.length; j++) {
            if (!present.contains(inputCols[j])) {
                throw new IllegalArgumentException("input column '" + inputCols[j] + "' is not in the DataFrame "
                        + "(columns: " + String.join(", ", present) + ")");
            }
            indices[j] = schema.fieldIndex(inputCols[j]);
        }
        if (inputCols.length == 1 && !isNumber(schema.fields()[indices[0]])) {
            StructField field = schema.fields()[indices[0]];
            DataType type = field.dataType();
            if (type.equals(SQLDataTypes.VectorType())) {
                return new FeatureColumns(Kind.VECTOR, inputCols.clone(), indices, nf);
            }
            if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
                return new FeatureColumns(Kind.ARRAY, inputCols.clone(), indices, nf);
            }
            throw new IllegalArgumentException("input column '" + field.name() + "' is " + type.simpleString()
                    + "; one input column must be a vector or an array of numbers holding the model's " + nf
                    + " features");
        }
        if (inputCols.length != nf) {
            throw new IllegalArgumentException("the model takes " + nf + " features (" + describe(featureNames)
                    + ") but inputCols names " + inputCols.length + " columns: give one numeric column per feature "
                    + "in the model's order, or one vector or array column");
        }
        for (int j = 0; j < nf; j++) {
            StructField field = schema.fields()[indices[j]];
            if (!isNumber(field)) {
                throw new IllegalArgumentException("input column '" + field.name() + "' (feature " + featureNames.get(j)
                        + ") is " + field.dataType().simpleString() + ", not a number");
            }
        }
        return new FeatureColumns(Kind.SCALARS, inputCols.clone(), indices, nf);
    }

    private static boolean isNumber(StructField field) {
        return field.dataType() instanceof NumericType;
    }

    private static String describe(List<String> names) {
        return names.size() <= 4
                ? String.join(", ", names)
                : names.get(0) + ", " + names.get(1) + " .. " + names.get(names.size() - 1);
    }

    /**
     * Copies one row's features.
     *
     * @param row the row
     * @param dest where to write
     * @param offset the index of the row's first feature in {@code dest}
     * @param partition the partition, for messages
     * @param rowInPartition the row's index in its partition, for messages
     * @throws IllegalArgumentException if a value is missing or not finite, or a vector or array has the wrong length
     */
    void read(Row row, float[] dest, int offset, int partition, long rowInPartition) {
        switch (kind) {
            case SCALARS -> {
                for (int j = 0; j < numFeatures; j++) {
                    Object v = row.get(indices[j]);
                    if (v == null) {
                        throw bad(partition, rowInPartition, names[j], "null");
                    }
                    dest[offset + j] = finite(((Number) v).floatValue(), partition, rowInPartition, names[j]);
                }
            }
            case VECTOR -> {
                Object v = row.get(indices[0]);
                if (v == null) {
                    throw bad(partition, rowInPartition, names[0], "null");
                }
                Vector vector = (Vector) v;
                checkLength(vector.size(), partition, rowInPartition);
                double[] values = vector instanceof DenseVector dense ? dense.values() : vector.toArray();
                for (int j = 0; j < numFeatures; j++) {
                    dest[offset + j] = finite((float) values[j], partition, rowInPartition, names[0] + "[" + j + "]");
                }
            }
            case ARRAY -> {
                if (row.isNullAt(indices[0])) {
                    throw bad(partition, rowInPartition, names[0], "null");
                }
                List<Object> values = row.getList(indices[0]);
                checkLength(values.size(), partition, rowInPartition);
                for (int j = 0; j < numFeatures; j++) {
                    Object v = values.get(j);
                    String where = names[0] + "[" + j + "]";
                    if (v == null) {
                        throw bad(partition, rowInPartition, where, "null");
                    }
                    dest[offset + j] = finite(((Number) v).floatValue(), partition, rowInPartition, where);
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private void checkLength(int length, int partition, long rowInPartition) {
        if (length != numFeatures) {
            throw new IllegalArgumentException("partition " + partition + ", row " + rowInPartition + ": column '"
                    + names[0] + "' holds " + length + " values; the model takes " + numFeatures);
        }
    }

    private static float finite(float v, int partition, long rowInPartition, String column) {
        if (!Float.isFinite(v)) {
            throw bad(partition, rowInPartition, column, Float.toString(v));
        }
        return v;
    }

    private static IllegalArgumentException bad(int partition, long rowInPartition, String column, String value) {
        return new IllegalArgumentException("partition " + partition + ", row " + rowInPartition + ": column '" + column
                + "' is " + value + "; every value must be a finite number");
    }
}
