package org.rapport.server.group;

import java.time.Instant;

/** A group as stored. {@code ownerId} is null when its owner deleted their account (managers carry on). */
public record Group(long id, String name, String description, String rules, GroupVisibility visibility,
                    boolean listed, boolean postApproval, Long ownerId, Instant createdAt, long memberCount) {

    public boolean membersOnly() {
        return visibility == GroupVisibility.MEMBERS_ONLY;
    }
}
