package org.rapport.server.contacts;

/** How far a running import has got: its phase and how many records it has handled in it. */
public record ImportProgress(String phase, long done, long total) {

    /** Percent of the whole import, counting reading as the first half and matching and saving as the second. */
    public int percent() {
        int base = switch (phase) {
            case "reading" -> 0;
            case "matching" -> 50;
            case "saving" -> 80;
            default -> 100;
        };
        int span = switch (phase) {
            case "reading" -> 50;
            case "matching" -> 30;
            case "saving" -> 20;
            default -> 0;
        };
        return total <= 0 ? base : (int) Math.min(100, base + span * done / total);
    }
}
