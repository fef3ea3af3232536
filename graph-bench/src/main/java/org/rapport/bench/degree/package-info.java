/** Benchmark of the degree badge: the distance between two members, capped at 3. */
package org.rapport.bench.degree;
