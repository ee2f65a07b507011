package org.ncl.weka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ncl.core.NclModel;

/**
 * The core model as bytes: the versioned model file of {@link NclModel#save(Path)}, kept inside the
 * serialised Weka clusterer so that Weka's model files (Java serialisation) carry the trained network.
 * Goes through a temporary file, the only form the core reads and writes.
 */
public final class ModelBytes {

    private ModelBytes() {
    }

    /** The model file's bytes. */
    public static byte[] save(NclModel model) throws IOException {
        Path dir = Files.createTempDirectory("ncl-weka-");
        Path file = dir.resolve("model.ncl");
        try {
            model.save(file);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Loads a model from bytes written by {@link #save}; the caller closes it. */
    public static NclModel load(byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory("ncl-weka-");
        Path file = dir.resolve("model.ncl");
        try {
            Files.write(file, bytes);
            return NclModel.load(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
