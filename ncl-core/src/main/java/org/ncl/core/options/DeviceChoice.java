// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

/** Where tensors live. */
public enum DeviceChoice {
    /** CUDA when DJL finds CUDA natives, otherwise CPU. */
    AUTO,
    /** Always the CPU. */
    CPU,
    /** A GPU; training fails with a clear message when none is found. */
    GPU
}
