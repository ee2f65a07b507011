/**
 * Runnable entry points of the NCL library (Neighborhood Contrastive Learning for novel class discovery,
 * Zhong, Fini, Roy, Luo, Ricci, Sebe, CVPR 2021).
 *
 * <ul>
 *   <li>{@link org.ncl.examples.cli.NclCommand}: the {@code ncl} command-line tool, the jar's main class
 *       ({@code discover}, {@code predict}, {@code evaluate}, {@code export-onnx}, {@code info}, {@code plot}).
 *       Without a command it runs the main job ({@link org.ncl.examples.Discover}): NCL on the Fashion-MNIST test
 *       split shipped in {@code ncl-core} (classes 0-4 labelled, 5-9 novel), per-epoch progress, a results table
 *       against k-means on raw pixels, the model, predictions, metrics and pictures.</li>
 *   <li>{@link org.ncl.examples.Bench}: the benchmark on the full Fashion-MNIST (60,000 training images,
 *       classes 5-9 unlabeled), written as JSON and markdown.</li>
 *   <li>{@link org.ncl.examples.plots}: the pictures; {@link org.ncl.examples.notebook}: the runner that executes
 *       the Jupyter notebooks in {@code examples/notebooks/}.</li>
 * </ul>
 *
 * <p>The evaluation protocol (ncl-spec.md section 6) is the core's {@link org.ncl.core.evaluation.DiscoveryEvaluation};
 * {@link org.ncl.examples.Evaluation} reads its figures one at a time and adds the k-means baseline;
 * {@link org.ncl.examples.CommandLine} parses the benchmark's {@code key=value} arguments.
 */
package org.ncl.examples;
