/**
 * The {@code ncl} command-line tool ({@link org.ncl.cli.NclCommand}, picocli): novel class discovery
 * with Neighborhood Contrastive Learning (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood Contrastive Learning
 * for Novel Class Discovery", CVPR 2021) from a shell: {@code discover}, {@code predict}, {@code evaluate},
 * {@code export-onnx}, {@code info} and {@code plot}, with progress bars on a terminal, Ctrl-C handling and
 * one-line error messages with picocli's exit codes.
 */
package org.ncl.cli;
