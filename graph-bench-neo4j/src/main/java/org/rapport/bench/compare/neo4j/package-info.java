/** The Neo4j embedded peer of {@link org.rapport.bench.compare.PeerComparison}, in its own module. */
package org.rapport.bench.compare.neo4j;
