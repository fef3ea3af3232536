/**
 * Invitations to connect (A1–A5, A8): send with a note, accept, ignore (optionally as "I don't know
 * this person" or spam), withdraw with a re-invite cooldown, crossing invitations, expiry, snooze.
 * Accepting is the only way a connection is made between members.
 */
package org.rapport.server.invitation;
