// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.ncl.core.options.DeviceChoice;

/**
 * DJL set-up in one place: offline mode before the engine starts (nothing is ever downloaded; the
 * PyTorch natives come from Maven Central on the class path), the check of an installed libtorch named by
 * {@code PYTORCH_LIBRARY_PATH} ({@link PyTorchLibrary}), and the device choice.
 */
public final class Djl {

    private static final String CUDA_LOGGER = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private static boolean libraryChecked;

    private Djl() {}

    /**
     * The PyTorch engine, started offline.
     *
     * @throws IllegalStateException if {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION} or
     *     {@code PYTORCH_FLAVOR} is set and they do not name a libtorch that DJL's JNI library fits
     */
    public static synchronized Engine engine() {
        if (!libraryChecked) {
            PyTorchLibrary.check();
            libraryChecked = true;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        // DJL logs "Failed to detect GPU count" at WARN each time it counts GPUs on a machine with CUDA libraries
        // but no usable GPU: noise for CPU runs (device=GPU fails with our own message). Quieted for the SLF4J
        // simple binding unless the user configured that logger; other bindings keep their own configuration.
        if (System.getProperty(CUDA_LOGGER) == null) {
            System.setProperty(CUDA_LOGGER, "error");
        }
        return Engine.getEngine("PyTorch");
    }

    /** Resolves AUTO/CPU/GPU to a device; GPU without a CUDA device is an error that says what was found. */
    public static Device device(DeviceChoice choice) {
        Engine engine = engine();
        int gpus = engine.getGpuCount();
        switch (choice) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (gpus == 0) {
                    throw new IllegalArgumentException("option 'device' = GPU, but DJL's " + engine.getEngineName()
                            + " " + engine.getVersion() + " engine found no CUDA device (" + loaded() + "); for a GPU, "
                            + PyTorchLibrary.gpuRecipe(engine.getVersion()) + ", or use device AUTO or CPU");
                }
                return Device.gpu();
            default:
                return gpus > 0 ? Device.gpu() : Device.cpu();
        }
    }

    /** Which PyTorch library is loaded, for messages. */
    private static String loaded() {
        String path = ai.djl.util.Utils.getEnvOrSystemProperty(PyTorchLibrary.LIBRARY_PATH);
        return path == null || path.isBlank()
                ? "the CPU natives on the class path are loaded"
                : "the libtorch in " + PyTorchLibrary.LIBRARY_PATH + "=" + path + " is loaded, but sees no GPU";
    }

    /** Intra-op threads the engine was configured with. */
    public static int threads() {
        return Integer.getInteger(
                "ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }
}
