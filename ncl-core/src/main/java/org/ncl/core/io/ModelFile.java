package org.ncl.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The on-disk form of a model: one zip file with {@code manifest.json} (format name and version,
 * settings, class names, preprocessing, provenance) and {@code network.params} (DJL's parameter
 * encoding). Writes are atomic: the file is written and synced next to the target under a temporary
 * name, then moved over it, so a crash or an error never leaves a half-written file where a good
 * one was.
 */
public final class ModelFile {

    /** Value of the manifest's "format" field. */
    public static final String FORMAT = "ncl-model";
    /** Current format version; readers accept versions up to this one. */
    public static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String PARAMS = "network.params";

    /** The two parts of a model file. */
    public record Contents(String manifestJson, byte[] parameters) {
    }

    private ModelFile() {
    }

    /** Atomically writes a model file. */
    public static void write(Path target, String manifestJson, byte[] parameters) throws IOException {
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(PARAMS));
            zip.write(parameters);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Reads both parts; a file that is not a model file gets an IOException naming it. */
    public static Contents read(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException("model file " + source + " does not exist or is not a file");
        }
        String manifest = null;
        byte[] params = null;
        try (InputStream is = Files.newInputStream(source); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (MANIFEST.equals(e.getName())) {
                    manifest = new String(readAll(zip), StandardCharsets.UTF_8);
                } else if (PARAMS.equals(e.getName())) {
                    params = readAll(zip);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(source + " is not an NCL model file (not a zip archive): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(source + " could not be read as an NCL model file (truncated or damaged?): " + e, e);
        }
        if (manifest == null || params == null) {
            throw new IOException(source + " is not an NCL model file: it lacks " + (manifest == null ? MANIFEST : PARAMS));
        }
        return new Contents(manifest, params);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
