package org.rapport.server.bulkimport;

import java.util.Locale;

/** The source formats {@code rapport import --format} accepts. */
public enum ImportFormat {
    /** An LDBC Social Network Benchmark directory, in Neo4j-import or LDBC's own CSV layout. */
    LDBC,
    /** A SNAP edge list: one {@code u v} pair per line, {@code #} comments, optionally gzipped. */
    SNAP,
    /** A directory with {@code members.csv} and optionally {@code connections.csv} (README). */
    CSV;

    /** The format named {@code name} (any case). */
    public static ImportFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ImportRejectedException("unknown format \"" + name + "\": use ldbc, snap or csv");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
