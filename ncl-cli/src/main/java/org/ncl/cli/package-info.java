// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code ncl} command-line tool ({@link org.ncl.cli.NclCommand}, picocli): novel class discovery
 * with Neighborhood Contrastive Learning (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning
 * for Novel Class Discovery", CVPR 2021) from a shell: {@code discover}, {@code predict}, {@code evaluate},
 * {@code export-onnx}, {@code info} and {@code plot}, with progress bars on a terminal, Ctrl-C handling and
 * one-line error messages with picocli's exit codes. Without a command it runs the main job
 * ({@link org.ncl.cli.Discover}): NCL on the Fashion-MNIST test split shipped in {@code ncl-core}, a results
 * table ({@link org.ncl.cli.DiscoverResults}, {@link org.ncl.cli.ResultsTable}) against k-means on the raw pixels.
 *
 * <p>Also used by the benchmarks of {@code examples}: the evaluation protocol of novel class discovery
 * ({@link org.ncl.cli.Evaluation}) and plain-line progress ({@link org.ncl.cli.ConsoleProgress}). The pictures are
 * in {@link org.ncl.cli.plots}.
 */
package org.ncl.cli;
