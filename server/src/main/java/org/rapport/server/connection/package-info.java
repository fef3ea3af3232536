/** Connections (A6, D3): the list of a member's connections with sorting and filters, and silent removal. */
package org.rapport.server.connection;
