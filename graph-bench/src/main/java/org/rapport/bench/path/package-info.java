/** Benchmark of the shortest chain of connections between two members. */
package org.rapport.bench.path;
