/** The {@code rapport} command line: serve, graph queries, bulk imports. Prints JSON; exits non-zero with one line on failure. */
package org.rapport.server.cli;
