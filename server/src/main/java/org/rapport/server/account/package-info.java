/**
 * Accounts (I4): sign up, sign in (sessions for pages, bearer tokens for the API), sign out,
 * change password, delete the account; Argon2 hashes and login throttling; the security set-up.
 */
package org.rapport.server.account;
