// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images become complete image/png display data; other values stay text. */
class ImageRenderersTest {

    @TempDir
    Path dir;

    private final Renderer renderer = new Renderer();

    ImageRenderersTest() {
        ImageRenderers.registerAll(renderer);
    }

    /** An image with a few coloured pixels, of every width from 1 to 7 so that some PNGs are not 3k bytes long. */
    private static BufferedImage image(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < w; x++) {
            img.setRGB(x, x % h, new Color(40 * x % 256, 200, 90).getRGB());
        }
        return img;
    }

    private static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static byte[] pngOf(DisplayData d) {
        Object b64 = d.getData(MIMEType.IMAGE_PNG);
        assertNotNull(b64, "image/png");
        return Base64.getDecoder().decode((String) b64);
    }

    @Test
    void aBufferedImageIsEncodedCompletely() throws Exception {
        for (int w = 1; w <= 7; w++) {
            BufferedImage img = image(w, 3);
            byte[] bytes = pngOf(renderer.render(img));
            assertArrayEquals(png(img), bytes, "width " + w + ": the PNG ImageIO writes, byte for byte");
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes));
            assertEquals(w, back.getWidth());
            assertEquals(img.getRGB(w - 1, (w - 1) % 3), back.getRGB(w - 1, (w - 1) % 3));
            assertEquals("image, " + w + " x 3", renderer.render(img).getData(MIMEType.TEXT_PLAIN));
        }
    }

    @Test
    void jpegWhenAskedFor() throws Exception {
        DisplayData d = renderer.renderAs(image(5, 4), "image/jpeg");
        byte[] jpeg = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_JPEG));
        assertEquals(5, ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth());
        assertFalse(d.hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void pngBytesPathsFilesAndStreamsAreShownAsTheyAre() throws Exception {
        byte[] bytes = png(image(6, 2));
        assertArrayEquals(bytes, pngOf(renderer.render(bytes)));
        assertEquals("PNG image, 6 x 2", renderer.render(bytes).getData(MIMEType.TEXT_PLAIN));
        Path file = Files.write(dir.resolve("map.png"), bytes);
        assertArrayEquals(bytes, pngOf(renderer.render(file)));
        assertEquals(file + " (PNG image, 6 x 2)", renderer.render(file).getData(MIMEType.TEXT_PLAIN));
        assertArrayEquals(bytes, pngOf(renderer.render(file.toFile())));
        assertArrayEquals(bytes, pngOf(renderer.render(new ByteArrayInputStream(bytes))));
    }

    @Test
    void otherValuesStayText() throws Exception {
        byte[] notPng = {1, 2, 3};
        DisplayData d = renderer.render(notPng);
        assertFalse(d.hasDataForType(MIMEType.IMAGE_PNG));
        assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("[B@"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertEquals(text.toString(), renderer.render(text).getData(MIMEType.TEXT_PLAIN));
        assertFalse(renderer.render(dir.resolve("missing.png")).hasDataForType(MIMEType.IMAGE_PNG));
        assertFalse(renderer.render(new File("missing.png")).hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void aFileNamedPngThatIsNoneIsAnError() throws Exception {
        Path fake = Files.writeString(dir.resolve("fake.png"), "not an image");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> renderer.render(fake));
        assertTrue(e.getMessage().contains("fake.png is named .png but is not a PNG file"), e.getMessage());
    }

    @Test
    void thePngHeaderIsRead() throws Exception {
        byte[] bytes = png(image(7, 5));
        assertTrue(ImageRenderers.isPng(bytes));
        assertEquals("PNG image, 7 x 5", ImageRenderers.describePng(bytes));
        assertFalse(ImageRenderers.isPng(Arrays.copyOf(bytes, 10)));
    }
}
