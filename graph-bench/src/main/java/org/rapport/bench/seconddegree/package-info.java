/** Benchmark of the size of a member's 2nd-degree network. */
package org.rapport.bench.seconddegree;
