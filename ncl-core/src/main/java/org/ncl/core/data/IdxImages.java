// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.util.Arrays;

/**
 * Grey-scale images read from an IDX file (the MNIST / Fashion-MNIST format): {@code count} images of
 * {@code rows × cols} pixels, each pixel scaled from its byte value 0..255 to [0, 1].
 *
 * <p>Immutable: the pixel array is copied on construction and {@link #pixels()} returns a copy.
 * Pixels are stored image after image, each image row-major (the layout of the file).
 *
 * @see IdxReader#readImages(java.nio.file.Path)
 */
public final class IdxImages {

    private final int count;
    private final int rows;
    private final int cols;
    private final float[] pixels;

    /**
     * Creates images from pixels already scaled to [0, 1].
     *
     * @throws IllegalArgumentException if a dimension is negative (count) or not positive (rows, cols),
     *     or if {@code pixels.length != count * rows * cols}
     */
    public IdxImages(int count, int rows, int cols, float[] pixels) {
        if (count < 0) {
            throw new IllegalArgumentException("image count must be >= 0, got " + count);
        }
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + rows + "x" + cols);
        }
        long expected = (long) count * rows * cols;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " pixels for " + count + " images of " + rows
                    + "x" + cols + ", got " + pixels.length);
        }
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels.clone();
    }

    /** Wraps an array the caller hands over (no copy): for {@link IdxReader}, which owns a fresh array. */
    private IdxImages(float[] pixels, int count, int rows, int cols) {
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    /** Takes ownership of a freshly read array without copying it; dimensions already checked. */
    static IdxImages wrap(int count, int rows, int cols, float[] pixels) {
        return new IdxImages(pixels, count, rows, cols);
    }

    /** The internal array, not a copy: for readers in this package that copy it anyway. Never modify. */
    float[] pixelArray() {
        return pixels;
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** Height of an image in pixels. */
    public int rows() {
        return rows;
    }

    /** Width of an image in pixels. */
    public int cols() {
        return cols;
    }

    /** Pixels per image ({@code rows * cols}). */
    public int imageSize() {
        return rows * cols;
    }

    /** The pixel at ({@code row}, {@code col}) of image {@code image}, in [0, 1]. */
    public float pixel(int image, int row, int col) {
        if (image < 0 || image >= count || row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("pixel (" + image + ", " + row + ", " + col + ") is outside " + count
                    + " images of " + rows + "x" + cols);
        }
        return pixels[(image * rows + row) * cols + col];
    }

    /** A copy of all pixels: image after image, each row-major, values in [0, 1]. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** A copy of one image's pixels, row-major. */
    public float[] image(int image) {
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " is outside 0.." + (count - 1));
        }
        return Arrays.copyOfRange(pixels, image * imageSize(), (image + 1) * imageSize());
    }

    @Override
    public String toString() {
        return "IdxImages{count=" + count + ", rows=" + rows + ", cols=" + cols + "}";
    }
}
