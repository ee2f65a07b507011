/**
 * Runnable entry points of the NCL library (Neighborhood Contrastive Learning for novel class discovery,
 * Zhong, Fini, Roy, Luo, Ricci, Sebe, CVPR 2021).
 *
 * <ul>
 *   <li>{@link org.ncl.examples.Discover}: the main job. Trains NCL on the Fashion-MNIST test split shipped in
 *       {@code ncl-core} (classes 0-4 labelled, 5-9 novel), prints per-epoch progress and a results table
 *       against k-means on raw pixels, and saves the model.</li>
 *   <li>{@link org.ncl.examples.Bench}: the benchmark on the full Fashion-MNIST (60,000 training images,
 *       classes 5-9 unlabeled), written as JSON and markdown.</li>
 * </ul>
 *
 * <p>Both accept NCL settings as {@code key=value} arguments ({@link org.ncl.examples.CommandLine}); the
 * metrics of the evaluation protocol (ncl-spec.md section 6) are in {@link org.ncl.examples.Evaluation}.
 */
package org.ncl.examples;
