package org.ncl.core.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The on-disk form of a model: one zip file with {@code manifest.json} (format name and version,
 * settings, class names, preprocessing, provenance) and {@code network.params} (DJL's parameter
 * encoding). Writes to a path are atomic: the file is written and synced next to the target under a
 * temporary name, then moved over it, so a crash or an error never leaves a half-written file where a
 * good one was. The same bytes can be written to and read from any stream (e.g. a model kept in memory
 * inside another library's serialised model).
 */
public final class ModelFile {

    /** Value of the manifest's "format" field. */
    public static final String FORMAT = "ncl-model";
    /** Current format version; readers accept versions up to this one. */
    public static final int VERSION = 1;

    static final String MANIFEST = "manifest.json";
    static final String PARAMS = "network.params";

    /** The two parts of a model file. */
    public record Contents(String manifestJson, byte[] parameters) {}

    private ModelFile() {}

    /** Atomically writes a model file. */
    public static void write(Path target, String manifestJson, byte[] parameters) throws IOException {
        AtomicFiles.write(target, out -> write(out, manifestJson, parameters));
    }

    /** Writes a model file's bytes to {@code out}, which stays open. */
    public static void write(OutputStream out, String manifestJson, byte[] parameters) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpenOutputStream(out))) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifestJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(PARAMS));
            zip.write(parameters);
            zip.closeEntry();
            zip.finish();
        }
    }

    /** Reads both parts; a file that is not a model file gets an IOException naming it. */
    public static Contents read(Path source) throws IOException {
        try (InputStream in = open(source)) {
            return read(in, source.toString());
        }
    }

    /**
     * Opens a model file for {@link #read(InputStream, String)}; a missing file, a directory or one that
     * cannot be opened gets an IOException naming it.
     */
    public static InputStream open(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException("model file " + source + " does not exist or is not a file");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(source));
        } catch (IOException e) {
            throw new IOException(source + " could not be read as an NCL model file (truncated or damaged?): " + e, e);
        }
    }

    /**
     * Reads both parts from {@code in}, which is not closed and is left at an unspecified position past
     * the model's entries; what is not a model gets an IOException naming {@code sourceName}.
     */
    public static Contents read(InputStream in, String sourceName) throws IOException {
        String manifest = null;
        byte[] params = null;
        try (ZipInputStream zip = new ZipInputStream(new KeepOpenInputStream(in))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (MANIFEST.equals(e.getName())) {
                    manifest = new String(readAll(zip), StandardCharsets.UTF_8);
                } else if (PARAMS.equals(e.getName())) {
                    params = readAll(zip);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(sourceName + " is not an NCL model file (not a zip archive): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(
                    sourceName + " could not be read as an NCL model file (truncated or damaged?): " + e, e);
        }
        if (manifest == null || params == null) {
            throw new IOException(
                    sourceName + " is not an NCL model file: it lacks " + (manifest == null ? MANIFEST : PARAMS));
        }
        return new Contents(manifest, params);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** The caller's stream, left open when the zip stream over it is closed (which frees the zip's native state). */
    private static final class KeepOpenOutputStream extends FilterOutputStream {
        KeepOpenOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The caller's stream, left open when the zip stream over it is closed. */
    private static final class KeepOpenInputStream extends FilterInputStream {
        KeepOpenInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
