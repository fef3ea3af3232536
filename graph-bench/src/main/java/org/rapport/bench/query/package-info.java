/** Benchmarks of the read queries a page view makes: degree, mutual connections, network size. */
package org.rapport.bench.query;
