package org.rapport.server.invitation;

/** Why a recipient ignored an invitation, if they said (A2, B2). The sender is never told. */
public enum IgnoreReason {
    DONT_KNOW, SPAM
}
