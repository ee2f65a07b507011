// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.ncl.core.options.NclOptions.CROP_SCALE_MIN;
import static org.ncl.core.options.NclOptions.HORIZONTAL_FLIP;
import static org.ncl.core.options.NclOptions.IMAGE_PADDING;
import static org.ncl.core.options.NclOptions.TABULAR_CORRUPTION;
import static org.ncl.core.options.NclOptions.TABULAR_NOISE;

import java.util.SplittableRandom;
import org.ncl.core.options.NclOptions;

/**
 * Two-view augmentation. Images (C&times;H&times;W): a random translation of up to {@code padding} pixels
 * with reflect padding and a random horizontal flip (the NCL reference), optionally preceded by a
 * random resized crop (SimCLR's, used in contrastive pretraining). Vectors: Gaussian noise plus
 * random feature corruption from the empirical marginals (a value replaced by the same feature of a
 * random training row, as in SCARF, Bahri et al., ICLR 2022).
 *
 * <p>Runs on the Java heap with a seeded {@link SplittableRandom}: the same seed gives the same views.
 */
public final class Augmenter {

    private final int[] shape;
    private final int size;
    private final NclOptions options;
    private final float[] pool;
    private final int poolRows;

    /** An augmenter for rows of {@code shape}; {@code pool} (row-major) are the rows that corruption samples from. */
    public Augmenter(int[] shape, NclOptions options, float[] pool) {
        this.shape = shape.clone();
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        this.size = s;
        this.options = options;
        this.pool = pool;
        this.poolRows = pool.length / s;
    }

    /** Writes an augmented copy of {@code src[srcOff..]} into {@code dst[dstOff..]}. */
    public void augment(float[] src, int srcOff, float[] dst, int dstOff, boolean strongCrop, SplittableRandom random) {
        if (shape.length == 3) {
            image(src, srcOff, dst, dstOff, strongCrop, random);
        } else {
            vector(src, srcOff, dst, dstOff, random);
        }
    }

    private void vector(float[] src, int srcOff, float[] dst, int dstOff, SplittableRandom random) {
        double noise = options.get(TABULAR_NOISE);
        double corruption = options.get(TABULAR_CORRUPTION);
        for (int j = 0; j < size; j++) {
            float v = src[srcOff + j];
            if (corruption > 0 && random.nextDouble() < corruption) {
                v = pool[random.nextInt(poolRows) * size + j];
            }
            if (noise > 0) {
                v += (float) (gaussian(random) * noise);
            }
            dst[dstOff + j] = v;
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private void image(float[] src, int srcOff, float[] dst, int dstOff, boolean strongCrop, SplittableRandom random) {
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        boolean flip = options.get(HORIZONTAL_FLIP) && random.nextBoolean();
        int pad = options.get(IMAGE_PADDING);
        int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
        int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
        double scaleMin = options.get(CROP_SCALE_MIN);
        if (strongCrop && scaleMin < 1.0) {
            // Random resized crop: area fraction in [scaleMin, 1], aspect ratio in [3/4, 4/3], bilinear.
            double area = scaleMin + (1 - scaleMin) * random.nextDouble();
            double logRatio = Math.log(3.0 / 4.0) + (Math.log(4.0 / 3.0) - Math.log(3.0 / 4.0)) * random.nextDouble();
            double ratio = Math.exp(logRatio);
            double cw = Math.min(w, Math.sqrt(area * w * h * ratio));
            double ch = Math.min(h, Math.sqrt(area * w * h / ratio));
            double x0 = random.nextDouble() * (w - cw);
            double y0 = random.nextDouble() * (h - ch);
            for (int ci = 0; ci < c; ci++) {
                int plane = srcOff + ci * h * w;
                for (int y = 0; y < h; y++) {
                    double sy = y0 + (y + 0.5) * ch / h - 0.5;
                    for (int x = 0; x < w; x++) {
                        int xo = flip ? w - 1 - x : x;
                        double sx = x0 + (xo + 0.5) * cw / w - 0.5;
                        dst[dstOff + (ci * h + y) * w + x] = bilinear(src, plane, h, w, sy, sx);
                    }
                }
            }
            return;
        }
        for (int ci = 0; ci < c; ci++) {
            int plane = srcOff + ci * h * w;
            for (int y = 0; y < h; y++) {
                int sy = reflect(y + dy, h);
                for (int x = 0; x < w; x++) {
                    int xo = flip ? w - 1 - x : x;
                    int sx = reflect(xo + dx, w);
                    dst[dstOff + (ci * h + y) * w + x] = src[plane + sy * w + sx];
                }
            }
        }
    }

    private static float bilinear(float[] src, int plane, int h, int w, double y, double x) {
        y = Math.max(0, Math.min(h - 1, y));
        x = Math.max(0, Math.min(w - 1, x));
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double fy = y - y0;
        double fx = x - x0;
        double top = src[plane + y0 * w + x0] * (1 - fx) + src[plane + y0 * w + x1] * fx;
        double bottom = src[plane + y1 * w + x0] * (1 - fx) + src[plane + y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    /** Reflect padding index (PyTorch's 'reflect': no edge repeat). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** Rotates a square image by {@code quarterTurns} × 90° counter-clockwise (RotNet). */
    public void rotate(float[] src, int srcOff, float[] dst, int dstOff, int quarterTurns) {
        int c = shape[0];
        int n = shape[1];
        for (int ci = 0; ci < c; ci++) {
            int plane = ci * n * n;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int sy;
                    int sx;
                    switch (quarterTurns & 3) {
                        case 0:
                            sy = y;
                            sx = x;
                            break;
                        case 1:
                            sy = x;
                            sx = n - 1 - y;
                            break;
                        case 2:
                            sy = n - 1 - y;
                            sx = n - 1 - x;
                            break;
                        default:
                            sy = n - 1 - x;
                            sx = y;
                            break;
                    }
                    dst[dstOff + plane + y * n + x] = src[srcOff + plane + sy * n + sx];
                }
            }
        }
    }
}
