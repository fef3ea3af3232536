/**
 * The side-by-side comparison: the same graphs and the same queries on our engine and on peers
 * (Neo4j embedded, JGraphT, PostgreSQL, a naive Java BFS), with answers checked against ours.
 */
package org.rapport.bench.compare;
