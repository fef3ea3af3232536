package org.rapport.server.report;

import org.rapport.server.system.ConflictException;

/** A moderator resolving a report someone already resolved (409). */
class ReportAlreadyResolvedException extends ConflictException {
    ReportAlreadyResolvedException() {
        super("report-resolved", "Already resolved", "This report is already resolved.");
    }
}
