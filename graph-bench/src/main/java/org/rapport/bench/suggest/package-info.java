/** Benchmark of "People you may know": ranked friends of friends with the shared connections behind each. */
package org.rapport.bench.suggest;
