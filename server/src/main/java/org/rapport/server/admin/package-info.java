/**
 * Running a community (issue 17): roles, the administration of members (find, suspend, delete,
 * password resets), the sign-up policy and site settings, and the audit log of every
 * administrative action.
 */
package org.rapport.server.admin;
