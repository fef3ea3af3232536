package org.rapport.server.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.rapport.server.bulkimport.ImportProgress;

/**
 * The import's progress on a terminal: one line per phase, redrawn in place at most ten times a
 * second while it runs ({@code [#####.....] 45%  9,123,456 / 20,000,000 rows  412,345/s}), left as
 * a summary line when the phase ends. Draws nothing when standard error is not a terminal
 * ({@link #isTerminal()}), so logs and pipes get only the command's final line.
 */
final class TerminalProgress implements ImportProgress {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private String phase;
    private long total;
    private Unit unit;
    private long done;
    private long phaseStart;
    private long lastDraw;

    TerminalProgress(PrintStream out) {
        this.out = out;
    }

    /** Whether standard error goes to a terminal: on Linux from {@code /proc}, elsewhere by {@link System#console()}. */
    static boolean isTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return false;
            }
        }
        return System.console() != null;
    }

    @Override
    public void phase(String name, long total, Unit unit) {
        finishPhase();
        this.phase = name;
        this.total = total;
        this.unit = unit;
        this.done = 0;
        this.phaseStart = System.nanoTime();
        this.lastDraw = 0;
        draw(false);
    }

    @Override
    public void advance(long amount) {
        done += amount;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(false);
        }
    }

    @Override
    public void done() {
        finishPhase();
    }

    private void finishPhase() {
        if (phase != null) {
            if (total > 0) {
                done = total;
            }
            draw(true);
            phase = null;
        }
    }

    private void draw(boolean last) {
        double seconds = (System.nanoTime() - phaseStart) / 1e9;
        StringBuilder line = new StringBuilder(120);
        line.append(last ? "  done  " : "  ....  ").append(String.format(Locale.ROOT, "%-32s", phase));
        if (total > 0) {
            int filled = (int) Math.min(BAR, done * BAR / total);
            line.append(" [").append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3d%%", Math.min(100, done * 100 / total)));
        }
        if (done > 0 || total > 0) {
            line.append("  ").append(amount(done));
            if (total > 0) {
                line.append(" / ").append(amount(total));
            }
            line.append(unit == Unit.ROWS ? " rows" : "");
            if (seconds > 0.5 && done > 0 && unit != Unit.STEPS) {
                line.append("  ").append(amount((long) (done / seconds))).append("/s");
            }
        }
        line.append(String.format(Locale.ROOT, "  %.1f s", seconds));
        out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        out.flush();
    }

    private String amount(long n) {
        if (unit == Unit.BYTES) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%,d", n);
    }
}
