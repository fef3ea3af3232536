/**
 * What a member sees of others: profile pages and {@code GET /members/{id}} (profile with degree,
 * mutual count and invitation state), my own profile and its editing, finding people by name.
 * Composes member, network, invitation and connection; owns no tables.
 */
package org.rapport.server.people;
