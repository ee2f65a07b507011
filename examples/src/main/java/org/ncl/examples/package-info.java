// SPDX-License-Identifier: Apache-2.0
/**
 * Benchmarks of the NCL library (Neighborhood Contrastive Learning for novel class discovery, Zhong, Fini, Roy,
 * Luo, Ricci, Sebe, CVPR 2021), run with {@code java -cp examples/target/ncl-examples.jar CLASS}.
 *
 * <ul>
 *   <li>{@link org.ncl.examples.Bench}: the benchmark on the full Fashion-MNIST (60,000 training images,
 *       classes 5-9 unlabeled), written as JSON and markdown.</li>
 *   <li>{@link org.ncl.examples.ContrastiveBench}: the contrastive-sampling strategies, as pretraining and in the
 *       ablation of NCL's terms.</li>
 *   <li>{@link org.ncl.examples.SuiteBench}: NCL with default settings over the public discovery suite
 *       ({@link org.ncl.examples.SuiteSets}: Pendigits, Segment, Soybean, Digits and the embedded Fashion-MNIST main
 *       job), several seeds each, against k-means on the same rows.</li>
 *   <li>{@link org.ncl.examples.notebook}: the runner that executes the Jupyter notebooks in
 *       {@code examples/notebooks/}.</li>
 * </ul>
 *
 * <p>The {@code ncl} command-line tool and the main job are in the {@code ncl-cli} module ({@link org.ncl.cli});
 * the benchmarks use its reading of the core's evaluation protocol ({@link org.ncl.cli.Evaluation}, over
 * {@link org.ncl.core.evaluation.DiscoveryEvaluation}), results tables and console progress. Their
 * {@code key=value} settings go by name through
 * {@link org.ncl.core.options.NclOptions.Builder#set(String, String)}, as the tool's {@code --option NAME=VALUE} does.
 */
package org.ncl.examples;
