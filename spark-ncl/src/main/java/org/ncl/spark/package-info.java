// SPDX-License-Identifier: Apache-2.0
/**
 * Scoring Spark DataFrames with a trained NCL model (Zhong et al., "Neighborhood Contrastive Learning for Novel Class
 * Discovery", CVPR 2021) through its ONNX export: {@link org.ncl.spark.NclOnnxModel} (the export and what its metadata
 * says), {@link org.ncl.spark.OnnxScorer} (one ONNX Runtime session handing both heads' logits to the core's
 * decision), {@link org.ncl.spark.NclOnnxTransformer} (the Spark ML transformer: one session per partition, saved and
 * loaded as Spark ML expects) and {@link org.ncl.spark.ScoreTable} (the {@code spark-submit} job). Training is not
 * distributed: it stays in ncl-core on one machine.
 */
package org.ncl.spark;
