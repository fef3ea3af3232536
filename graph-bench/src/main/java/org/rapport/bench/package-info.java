/** JMH benchmarks of the graph engine and the graphs they run on; never shipped. */
package org.rapport.bench;
