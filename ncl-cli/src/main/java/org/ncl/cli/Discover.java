// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

/**
 * The project's main job: novel class discovery with NCL (Zhong, Fini, Roy, Luo, Ricci, Sebe, "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021) on the Fashion-MNIST test split shipped with
 * {@code ncl-core} (10,000 images; classes 0-4 labelled, 5-9 unlabeled and to be discovered, C_u = 5, seed 1).
 *
 * <p>It is the command-line tool's {@code discover} command with its defaults ({@link NclCommand}; the jar's
 * main class runs it when no command is named): per-epoch progress, then a results table
 * ({@link DiscoverResults}): the novel head's ACC/NMI/ARI on the 5,000 unlabeled rows (task-aware, transductive:
 * the paper's headline protocol), k-means (k = C_u, {@value #KMEANS_RESTARTS} restarts) on the raw pixels of the
 * same rows, the known head's accuracy on the labeled rows, and task-agnostic accuracy over all rows. The model,
 * predictions, metrics and pictures go to {@code target/ncl-discover/}.
 *
 * <p>Usage: {@code java -jar ncl-cli/target/ncl.jar [NAME=VALUE ...] [discover options]}, where the
 * names are NCL settings ({@link org.ncl.core.options.NclOptions#names()}), for example
 * {@code pretrainEpochs=1 supervisedEpochs=1 discoveryEpochs=1} for a quick check; {@code --help} lists the
 * commands. This class's {@code main} is the same entry point ({@code java -cp ncl-cli/target/ncl.jar
 * org.ncl.cli.Discover}).
 */
public final class Discover {

    /** Runs of the k-means baseline. */
    public static final int KMEANS_RESTARTS = 10;

    private Discover() {}

    /** Entry point: the command-line tool ({@link NclCommand#main}). */
    public static void main(String[] args) {
        NclCommand.main(args);
    }

    /**
     * Sets, unless already given, DJL's offline mode (nothing is downloaded), a quiet log level (DJL's CUDA probe
     * only on errors) and headless AWT
     * (the plots are drawn without a display). Call first in {@code main}, before any DJL, SLF4J or AWT class is
     * loaded.
     */
    public static void prepareJvm() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // "Failed to detect GPU count" on machines with CUDA libraries but no usable GPU: noise for CPU runs;
        // device=GPU still fails with the core's own message when no GPU is usable
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
