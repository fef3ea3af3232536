package org.rapport.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.rapport.graph.support.SharedData;

/**
 * The real data sets in {@code ../shared/data} (see graph-engine's {@link SharedData}) for server
 * tests: a test whose set is missing is skipped with where it was looked for, except under
 * {@code CI=true}, where the data is present and a missing set is a failure.
 */
public final class SharedDataSets {

    public static final String LDBC_SF01 = "ldbc-snb-sf0.1";
    public static final String LDBC_TINY = "ldbc-snb-tiny";

    private SharedDataSets() {
    }

    /** The folder of {@code dataSet}; skips (or, under CI, fails) the calling test without it. */
    public static Path folder(String dataSet) {
        return require(SharedData.locate(dataSet), dataSet, "");
    }

    /** The file {@code fileName} of {@code dataSet}; skips (or, under CI, fails) the calling test without it. */
    public static Path file(String dataSet, String fileName) {
        return require(SharedData.locateFile(dataSet, fileName), dataSet, fileName);
    }

    private static Path require(Optional<Path> found, String dataSet, String fileName) {
        if (found.isEmpty()) {
            String message = SharedData.notFoundMessage(dataSet, fileName);
            if (Environment.ci()) {
                throw new IllegalStateException(message + " (CI=true: the shared data must be present)");
            }
            assumeTrue(false, "skipped: " + message);
        }
        return found.get();
    }
}
