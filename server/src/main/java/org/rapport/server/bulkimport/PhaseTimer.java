package org.rapport.server.bulkimport;

import java.util.LinkedHashMap;
import java.util.Map;

/** Passes progress on and notes how long each phase took, for the summary. */
final class PhaseTimer implements ImportProgress {

    private final ImportProgress next;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private String phase;
    private long phaseStart;

    PhaseTimer(ImportProgress next) {
        this.next = next;
    }

    @Override
    public void phase(String name, long total, Unit unit) {
        close();
        phase = name;
        phaseStart = System.nanoTime();
        next.phase(name, total, unit);
    }

    @Override
    public void advance(long amount) {
        next.advance(amount);
    }

    @Override
    public void done() {
        close();
        next.done();
    }

    private void close() {
        if (phase != null) {
            seconds.merge(phase, (System.nanoTime() - phaseStart) / 1e9, Double::sum);
            phase = null;
        }
    }

    /** Seconds per phase so far, in the order they ran (the current phase up to now). */
    Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>(seconds);
        if (phase != null) {
            out.merge(phase, (System.nanoTime() - phaseStart) / 1e9, Double::sum);
        }
        return out;
    }
}
