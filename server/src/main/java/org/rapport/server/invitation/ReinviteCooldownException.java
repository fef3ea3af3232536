package org.rapport.server.invitation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.rapport.server.system.ConflictException;

/** A withdrawn invitation blocks a new one to the same member for three weeks (A3). */
public class ReinviteCooldownException extends ConflictException {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private final Instant allowedFrom;

    public ReinviteCooldownException(String name, Instant allowedFrom) {
        super("reinvite-cooldown", "Invitation withdrawn recently",
                "You withdrew an invitation to " + name + " recently. You can invite them again from "
                        + DAY.format(allowedFrom) + ".");
        this.allowedFrom = allowedFrom;
    }

    public Instant allowedFrom() {
        return allowedFrom;
    }
}
