/**
 * The connection graph as the server sees it (C1, C2, C4): the in-memory index loaded from the
 * database and kept equal to it after every committed write, and the answers built on it
 * (degree badges, mutual connections, network size, paths).
 */
package org.rapport.server.network;
