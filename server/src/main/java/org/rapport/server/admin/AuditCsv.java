package org.rapport.server.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rapport.server.system.PageRequest;

/**
 * The audit log as CSV, newest first. A cell that a spreadsheet would take for a formula (it starts
 * with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, so opening the export
 * runs nothing a member typed into a reason or a name.
 */
final class AuditCsv {

    private AuditCsv() {
    }

    static final List<String> HEADER = List.of("at", "actor", "action", "subject", "reason");

    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    /** Writes the whole log, a page at a time. */
    static void write(AdminService admin, Actor actor, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
            String cursor = null;
            do {
                var page = admin.auditLog(actor, PageRequest.of(PageRequest.MAX_LIMIT, cursor));
                for (AdminService.AuditEntry e : page.items()) {
                    csv.printRecord(e.at().toString(), neutralise(e.actor()), neutralise(e.action()),
                            neutralise(e.subject()), neutralise(e.reason()));
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
