/** Test support shared with graph-bench through the test jar: locating and reading shared data. */
package org.rapport.graph.support;
