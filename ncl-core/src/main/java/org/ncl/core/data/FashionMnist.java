// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf, 2017): 28&times;28 grey-scale images of 10 clothing classes,
 * 60,000 training and 10,000 test images, as a novel class discovery problem.
 *
 * <p>This project's standard split follows the CIFAR-10 protocol of Zhong et al., "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021: classes 0-4 (T-shirt/top, Trouser,
 * Pullover, Dress, Coat) are known and labelled, classes 5-9 (Sandal, Shirt, Sneaker, Bag, Ankle boot)
 * are novel and unlabeled. Rows have shape {@code [1, 28, 28]}, pixels scaled to [0, 1]; the original
 * labels are kept as ground truth.
 *
 * <p>The 10,000-image test split ships inside the jar ({@link #embeddedTest()}); the full set is read
 * from a directory of the four IDX files ({@link #load(Path, boolean, int[])}), by default
 * {@link #DEFAULT_DIRECTORY} where the Debian package {@code dataset-fashion-mnist} installs them.
 */
public final class FashionMnist {

    /** The 10 class names, indexed by class id. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where the Debian package {@code dataset-fashion-mnist} installs the four IDX files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** Image height and width. */
    public static final int SIZE = 28;

    /** The known classes of the standard split: 0-4 (the novel ones are 5-9). */
    public static final List<Integer> DEFAULT_KNOWN_CLASSES = List.of(0, 1, 2, 3, 4);

    private static final String RESOURCE_DIR = "/org/ncl/core/data/fashion-mnist/";

    private FashionMnist() {}

    /** The class names as a list of 10 (same as {@link #CLASS_NAMES}). */
    public static List<String> classNames() {
        return CLASS_NAMES;
    }

    /** The known classes of the standard split as an array: {0, 1, 2, 3, 4}. */
    public static int[] defaultKnownClasses() {
        return DEFAULT_KNOWN_CLASSES.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The 10,000-image test split shipped in the jar, classes 0-4 known (labelled) and 5-9 novel.
     *
     * @throws IllegalStateException if the resources are missing from the class path
     * @throws UncheckedIOException if they cannot be read
     */
    public static DiscoveryData embeddedTest() {
        return embeddedTest(defaultKnownClasses());
    }

    /**
     * The embedded 10,000-image test split with the given known classes.
     *
     * @throws IllegalArgumentException if the known classes are invalid (see {@link NovelClassSplit})
     * @throws IllegalStateException if the resources are missing from the class path
     * @throws UncheckedIOException if they cannot be read
     */
    public static DiscoveryData embeddedTest(int[] knownClasses) {
        String imageName = RESOURCE_DIR + "t10k-images-idx3-ubyte.gz";
        String labelName = RESOURCE_DIR + "t10k-labels-idx1-ubyte.gz";
        try (InputStream imageIn = resource(imageName);
                InputStream labelIn = resource(labelName)) {
            IdxImages images = IdxReader.readImages(imageIn, "classpath:" + imageName);
            int[] labels = IdxReader.readLabels(labelIn, "classpath:" + labelName);
            return toDiscoveryData(images, labels, knownClasses, "classpath:" + RESOURCE_DIR + "t10k-*");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded Fashion-MNIST test split: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = FashionMnist.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("class path resource " + name + " is missing: the ncl-core jar "
                    + "should contain the Fashion-MNIST test split");
        }
        return in;
    }

    /** The training (60,000) or test (10,000) split from {@link #DEFAULT_DIRECTORY}, classes 0-4 known. */
    public static DiscoveryData load(boolean train) throws IOException {
        return load(DEFAULT_DIRECTORY, train, defaultKnownClasses());
    }

    /**
     * Reads the training ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]}) or test
     * ({@code t10k-*}) split from a directory and splits it into known and novel classes.
     *
     * @param dir the directory holding the IDX files, gzipped or not
     * @param train true for the 60,000 training images, false for the 10,000 test images
     * @param knownClasses the known (labelled) class ids, in the order that defines their known labels
     * @throws NoSuchFileException if the directory or a file is missing (the message says how to get them)
     * @throws IOException if a file cannot be read, is malformed, or images and labels do not match
     * @throws IllegalArgumentException if the known classes are invalid (see {@link NovelClassSplit})
     */
    public static DiscoveryData load(Path dir, boolean train, int[] knownClasses) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(knownClasses, "knownClasses");
        String prefix = train ? "train" : "t10k";
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no Fashion-MNIST directory here; " + howToGet(prefix));
        }
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte", prefix);
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte", prefix);
        IdxImages images = IdxReader.readImages(imageFile);
        int[] labels = IdxReader.readLabels(labelFile);
        return toDiscoveryData(images, labels, knownClasses, imageFile + " and " + labelFile);
    }

    private static Path find(Path dir, String base, String prefix) throws NoSuchFileException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(
                dir.resolve(base + ".gz").toString(),
                null,
                "missing (neither " + base + ".gz nor " + base + " is in " + dir + "); " + howToGet(prefix));
    }

    private static String howToGet(String prefix) {
        return "expected " + prefix + "-images-idx3-ubyte.gz and " + prefix + "-labels-idx1-ubyte.gz: install the "
                + "Debian package dataset-fashion-mnist (it puts them in " + DEFAULT_DIRECTORY + ") or download them "
                + "from https://github.com/zalandoresearch/fashion-mnist";
    }

    private static DiscoveryData toDiscoveryData(IdxImages images, int[] labels, int[] knownClasses, String source)
            throws IOException {
        if (images.rows() != SIZE || images.cols() != SIZE) {
            throw new IOException(source + ": images are " + images.rows() + "x" + images.cols() + ", expected " + SIZE
                    + "x" + SIZE + " for Fashion-MNIST");
        }
        if (images.count() != labels.length) {
            throw new IOException(source + ": " + images.count() + " images but " + labels.length
                    + " labels; the two files must describe the same items");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new IOException(source + ": item " + i + " has label " + labels[i] + ", expected 0.."
                        + (CLASS_NAMES.size() - 1));
            }
        }
        return NovelClassSplit.split(images.pixelArray(), new int[] {1, SIZE, SIZE}, labels, CLASS_NAMES, knownClasses);
    }
}
