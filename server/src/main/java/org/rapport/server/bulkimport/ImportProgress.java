package org.rapport.server.bulkimport;

/**
 * What an import reports while it runs: phases (reading a file, writing a table, building indexes),
 * each with the amount of work it will take when known. Called from the importing thread only.
 */
public interface ImportProgress {

    /** What a phase counts: rows written, bytes read, or steps (indexes rebuilt). */
    enum Unit { ROWS, BYTES, STEPS }

    /** Reports nothing. */
    ImportProgress SILENT = new ImportProgress() {
        @Override
        public void phase(String name, long total, Unit unit) {
        }

        @Override
        public void advance(long amount) {
        }
    };

    /** A new phase begins (and the previous one, if any, is over); {@code total} is 0 when unknown. */
    void phase(String name, long total, Unit unit);

    /** The current phase made {@code amount} more units of progress. */
    void advance(long amount);

    /** The last phase is over. */
    default void done() {
    }
}
