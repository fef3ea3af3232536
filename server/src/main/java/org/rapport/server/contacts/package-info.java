/**
 * Contacts and portability (E1–E6): address books and other networks' exports read tolerantly,
 * matched to members by e-mail address or profile handle, invitations by e-mail to people who are
 * not members yet, consent (keyed hashes, sealed addresses, expiry, opt-out) and exports that
 * read back in.
 */
package org.rapport.server.contacts;
