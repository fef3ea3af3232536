/** Heap taken by the index per connection and per member. */
package org.rapport.bench.memory;
