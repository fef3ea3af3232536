package org.rapport.server.invitation;

/** Whether an open invitation links the viewer and another member, and which way (api.md {@code invitation}). */
public record InvitationRelation(Kind kind, Long invitationId) {

    public enum Kind { NONE, SENT, RECEIVED }

    public static final InvitationRelation NONE = new InvitationRelation(Kind.NONE, null);
}
