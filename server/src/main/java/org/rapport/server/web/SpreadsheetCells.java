package org.rapport.server.web;

/**
 * Cells of every CSV the server writes pass through {@link #neutralise}: a cell a spreadsheet
 * would take for a formula (starting with {@code = + - @}, a tab or a carriage return) gets a
 * leading single quote, as OWASP's "CSV injection" advice has it, so {@code =HYPERLINK(...)}
 * typed into a profile is shown as text, never run.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
