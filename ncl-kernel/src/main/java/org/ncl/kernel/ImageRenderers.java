// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Images as rich output: a {@link RenderedImage} (such as a {@link java.awt.image.BufferedImage}) and an
 * {@link InputStream} of an image, as jupyter-jvm-basekernel renders them ({@code image/png}; {@code image/jpeg} and
 * {@code image/gif} when asked for), but encoded completely (the base library's encoder loses the last bytes of an
 * image whose length is not a multiple of three); PNG bytes (a {@code byte[]} that starts with the PNG signature)
 * and a PNG file (a {@link Path} or {@link File} naming an existing {@code .png} file) as {@code image/png}, as they
 * are. Each also gets a short {@code text/plain} ("image, 760 x 620"), which frontends that cannot show images
 * print instead.
 */
final class ImageRenderers {

    /** The eight bytes every PNG file starts with. */
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageRenderers() {}

    /** Adds the renderers to {@code renderer}. */
    static void registerAll(Renderer renderer) {
        renderer.createRegistration(RenderedImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_JPEG, MIMEType.IMAGE_GIF)
                .register(ImageRenderers::renderImage);
        renderer.createRegistration(InputStream.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_JPEG, MIMEType.IMAGE_GIF)
                .register(ImageRenderers::renderStream);
        renderer.createRegistration(byte[].class).preferring(MIMEType.IMAGE_PNG).register(ImageRenderers::renderBytes);
        renderer.createRegistration(Path.class).preferring(MIMEType.IMAGE_PNG).register(ImageRenderers::renderFile);
        renderer.createRegistration(File.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((f, context) -> renderFile(f.toPath(), context));
    }

    private static void renderImage(RenderedImage image, RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> base64(image, "png"));
        context.renderIfRequested(MIMEType.IMAGE_JPEG, () -> base64(opaque(image), "jpeg"));
        context.renderIfRequested(MIMEType.IMAGE_GIF, () -> base64(image, "gif"));
        context.renderIfRequested(
                MIMEType.TEXT_PLAIN,
                () -> String.format(Locale.ROOT, "image, %d x %d", image.getWidth(), image.getHeight()));
    }

    private static void renderStream(InputStream in, RenderContext context) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image stream", e);
        }
        if (isPng(bytes)) {
            renderBytes(bytes, context);
            return;
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image stream", e);
        }
        if (image == null) {
            throw new IllegalArgumentException("the stream holds no image that ImageIO can read");
        }
        renderImage(image, context);
    }

    private static void renderBytes(byte[] bytes, RenderContext context) {
        if (!isPng(bytes)) {
            return; // shown as text, as any other array
        }
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(bytes));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describePng(bytes));
    }

    private static void renderFile(Path file, RenderContext context) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") || !Files.isRegularFile(file)) {
            return; // shown as its name
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!isPng(bytes)) {
            throw new IllegalArgumentException(file + " is named .png but is not a PNG file");
        }
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(bytes));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> file + " (" + describePng(bytes) + ")");
    }

    /** The image encoded as {@code format} ({@code png}, {@code jpeg}, {@code gif}), in base 64. */
    static String base64(RenderedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("ImageIO cannot write this image as " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the image as " + format, e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The image without alpha, which JPEG cannot hold. */
    private static RenderedImage opaque(RenderedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawRenderedImage(image, new AffineTransform());
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Whether the bytes start with the PNG signature and hold a header. */
    static boolean isPng(byte[] bytes) {
        return bytes.length >= 24 && Arrays.equals(bytes, 0, 8, PNG_SIGNATURE, 0, 8);
    }

    /** "PNG image, W x H", read from the IHDR chunk that follows the signature. */
    static String describePng(byte[] png) {
        return String.format(Locale.ROOT, "PNG image, %d x %d", readInt(png, 16), readInt(png, 20));
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
