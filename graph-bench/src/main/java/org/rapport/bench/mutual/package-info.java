/** Benchmark of the mutual connection count of two members. */
package org.rapport.bench.mutual;
