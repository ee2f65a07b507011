// SPDX-License-Identifier: Apache-2.0
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

    /**
     * The most bytes {@code manifest.json} may inflate to: 4 MiB holds the names of a 3×224×224 image's
     * features (about 1.5 MB) and hundreds of epochs of history, and keeps the parsed JSON tree small.
     */
    public static final long MAX_MANIFEST_BYTES = 4L << 20;
    /**
     * The most bytes {@code network.params} may inflate to: 512 MiB (128 million float parameters) holds the
     * CIFAR ResNet-18 (about 45 MB) and an MLP of 512-512 on 250,000 features. {@link
     * org.ncl.core.NclModel#load} bounds it further, to exactly what the manifest's architecture encodes to.
     */
    public static final long MAX_PARAMETER_BYTES = 512L << 20;

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
     * the model's entries; what is not a model gets an IOException naming {@code sourceName}. The manifest
     * may inflate to at most {@link #MAX_MANIFEST_BYTES}, the parameters to at most
     * {@link #MAX_PARAMETER_BYTES}.
     */
    public static Contents read(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName, manifest -> MAX_PARAMETER_BYTES);
    }

    /**
     * How many bytes {@code network.params} may inflate to, decided from the manifest (which a model file
     * holds first); throws an IOException for a manifest that is refused.
     */
    @FunctionalInterface
    public interface ParameterBound {
        /** The bound for the parameters of the model {@code manifestJson} describes. */
        long forManifest(String manifestJson) throws IOException;
    }

    /**
     * Reads both parts as {@link #read(InputStream, String)} does, with {@code network.params} bounded by
     * what {@code bound} says once it has seen the manifest (and never past {@link #MAX_PARAMETER_BYTES}).
     * A model file holds exactly the two entries, the manifest first (as {@link #write} writes them);
     * anything else is refused before it is inflated.
     */
    public static Contents read(InputStream in, String sourceName, ParameterBound bound) throws IOException {
        String manifest = null;
        byte[] params = null;
        try (ZipInputStream zip = new ZipInputStream(new KeepOpenInputStream(in))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (MANIFEST.equals(name) && manifest == null && params == null) {
                    byte[] bytes = readBounded(zip, e, MAX_MANIFEST_BYTES, sourceName, "the manifest bound");
                    manifest = new String(bytes, StandardCharsets.UTF_8);
                } else if (PARAMS.equals(name) && manifest != null && params == null) {
                    long limit = Math.min(MAX_PARAMETER_BYTES, bound.forManifest(manifest));
                    params = readBounded(zip, e, limit, sourceName, "what the manifest's architecture needs");
                } else {
                    String why = MANIFEST.equals(name) || PARAMS.equals(name)
                            ? "a second or misplaced entry"
                            : "an unexpected entry";
                    throw new IOException(sourceName + " is not an NCL model file: it has " + why + " '"
                            + Text.escape(name) + "' (a model file holds " + MANIFEST + ", then " + PARAMS + ")");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(sourceName + " is not an NCL model file (not a zip archive): " + e.getMessage(), e);
        } catch (BoundExceeded e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(sourceName)) {
                throw e;
            }
            throw new IOException(
                    sourceName + " could not be read as an NCL model file (truncated or damaged?): " + e, e);
        } catch (RuntimeException e) {
            // ZipInputStream's IllegalArgumentException for a malformed entry name, and the like
            throw new IOException(sourceName + " is not an NCL model file (damaged zip archive): " + e, e);
        }
        if (manifest == null || params == null) {
            throw new IOException(
                    sourceName + " is not an NCL model file: it lacks " + (manifest == null ? MANIFEST : PARAMS));
        }
        return new Contents(manifest, params);
    }

    /** Thrown (and turned into a plain IOException) when an entry inflates past its bound. */
    private static final class BoundExceeded extends IOException {
        BoundExceeded(String message) {
            super(message);
        }
    }

    /** The entry's bytes, refusing (before reading them) more than {@code limit}. */
    private static byte[] readBounded(ZipInputStream zip, ZipEntry e, long limit, String sourceName, String what)
            throws IOException {
        String refusal = sourceName + ": entry '" + e.getName() + "' inflates past the bound of " + limit + " bytes ("
                + what + ")";
        if (e.getSize() > limit) {
            throw new BoundExceeded(refusal + "; it declares " + e.getSize() + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(e.getSize(), 0), limit));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new BoundExceeded(refusal);
            }
            out.write(buffer, 0, n);
        }
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
