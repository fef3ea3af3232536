package org.rapport.graph.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real network data kept outside the repository in {@code shared/data} (see
 * {@code shared/data/README.md}): the repository lives at {@code <root>/main}, the data at
 * {@code <root>/shared/data}, and tests and benchmarks may run from any folder below the root.
 *
 * <p>Lookup order: the system property {@value #PROPERTY}, naming the {@code data} folder itself;
 * otherwise the first {@code shared/data/<set>} folder found walking up from the working
 * directory. The data are only ever read in place; never copy them into the repository.
 *
 * <p>Plain Java on purpose: tests turn an absent set into a skipped test with JUnit assumptions,
 * benchmarks into a clear failure; this class knows about neither.
 */
public final class SharedData {

    /** System property naming the shared data folder, e.g. {@code -Drapport.shared.data=/work/shared/data}. */
    public static final String PROPERTY = "rapport.shared.data";

    /** SNAP ego-Facebook: 4,039 members, 88,234 edges, 1,612,010 triangles. */
    public static final String SNAP_FACEBOOK = "snap-ego-facebook";

    /** The edge list inside {@link #SNAP_FACEBOOK}. */
    public static final String SNAP_FACEBOOK_FILE = "facebook_combined.txt.gz";

    /** SNAP soc-Slashdot0902: 82,168 members, 504,230 undirected edges, 602,592 triangles. */
    public static final String SNAP_SLASHDOT = "snap-soc-slashdot0902";

    /** The edge list inside {@link #SNAP_SLASHDOT}: directed links, {@code #} comments. */
    public static final String SNAP_SLASHDOT_FILE = "soc-Slashdot0902.txt.gz";

    private SharedData() {
    }

    /** The folder of data set {@code dataSet} (e.g. {@link #SNAP_FACEBOOK}), if it can be found. */
    public static Optional<Path> locate(String dataSet) {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path candidate = Path.of(configured).toAbsolutePath().resolve(dataSet);
            return Files.isDirectory(candidate) ? Optional.of(candidate) : Optional.empty();
        }
        for (Path folder = workingDirectory(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared").resolve("data").resolve(dataSet);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The file {@code fileName} of data set {@code dataSet}, if both exist. */
    public static Optional<Path> locateFile(String dataSet, String fileName) {
        return locate(dataSet).map(folder -> folder.resolve(fileName)).filter(Files::isRegularFile);
    }

    /**
     * The file {@code fileName} of data set {@code dataSet}.
     *
     * @throws IllegalStateException naming where it was looked for, if it cannot be found
     */
    public static Path requireFile(String dataSet, String fileName) {
        return locateFile(dataSet, fileName)
                .orElseThrow(() -> new IllegalStateException(notFoundMessage(dataSet, fileName)));
    }

    /** Explains where {@code dataSet/fileName} was looked for and how to point at it. */
    public static String notFoundMessage(String dataSet, String fileName) {
        String configured = System.getProperty(PROPERTY);
        String where = configured != null && !configured.isBlank()
                ? "in " + Path.of(configured).toAbsolutePath() + " (from -D" + PROPERTY + ")"
                : "in shared/data/ of " + workingDirectory() + " or any folder above it";
        return "Shared data set " + dataSet + "/" + fileName + " not found " + where
                + "; set -D" + PROPERTY + "=<path to shared/data> to point at it";
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
