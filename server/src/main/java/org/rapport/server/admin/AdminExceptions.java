package org.rapport.server.admin;

import org.rapport.server.system.ConflictException;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.RapportException;

/** The refusals of the administration, each named for its condition. */
final class AdminExceptions {

    private AdminExceptions() {
    }

    /** A member asked for an administration path: to them there is nothing there (404). */
    static final class NotAdministrationException extends NotFoundException {
        NotAdministrationException() {
            super("There is nothing here.");
        }
    }

    /** A moderator asked for what only administrators do (403). */
    static final class AdministratorsOnlyException extends ForbiddenException {
        AdministratorsOnlyException() {
            super("administrators-only", "Only administrators can do this.");
        }
    }

    /** A moderator acting on another moderator or an administrator (403). */
    static final class OutrankedException extends ForbiddenException {
        OutrankedException() {
            super("outranked", "Moderators cannot act on other moderators or administrators.");
        }
    }

    /** No sign-up with this id waits for approval (decided already, or never asked): 404. */
    static final class NoSignUpRequestException extends NotFoundException {
        NoSignUpRequestException() {
            super("Nobody with this id is waiting for approval.");
        }
    }

    /** Suspending or lifting the suspension of a sign-up that waits for approval (409). */
    static final class AwaitingApprovalException extends ConflictException {
        AwaitingApprovalException() {
            super("awaiting-approval", "Awaiting approval",
                    "This person is waiting for approval: approve or refuse their request instead.");
        }
    }

    /** Demoting, suspending or deleting the last administrator would leave nobody to run the community (409). */
    static final class LastAdministratorException extends ConflictException {
        LastAdministratorException() {
            super("last-administrator", "Last administrator", "This is the last administrator: make someone else an administrator first.");
        }
    }
}
