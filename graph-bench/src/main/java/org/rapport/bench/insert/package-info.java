/** Throughput of new connections written into the live index while readers query it. */
package org.rapport.bench.insert;
