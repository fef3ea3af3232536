/** Rate at which the index is built from an edge list, as at server start-up. */
package org.rapport.bench.build;
