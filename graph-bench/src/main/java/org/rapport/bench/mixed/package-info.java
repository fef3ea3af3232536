/** Throughput of a realistic mix of read queries on several threads. */
package org.rapport.bench.mixed;
