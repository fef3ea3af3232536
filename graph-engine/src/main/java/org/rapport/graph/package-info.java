/**
 * The in-memory connection graph: who is connected to whom, degrees of separation, mutual
 * connections, network sizes and shortest paths, over dense {@code int} member ids. Pure Java, no
 * dependencies; {@link org.rapport.graph.ConnectionGraph} is the entry point.
 */
package org.rapport.graph;
