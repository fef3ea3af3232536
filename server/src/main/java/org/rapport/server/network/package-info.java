/**
 * The connection graph as the server sees it (C1, C2, C4): the in-memory index loaded from a
 * snapshot file or the database, kept equal to the database after every committed write on this
 * node and, through the graph change log, on every other node (J3); and the answers built on it
 * (degree badges, mutual connections, network size, paths).
 */
package org.rapport.server.network;
