/**
 * Updates and the feed (F2): members share updates with anyone or with their connections; each
 * reaches the author's followers' feeds and notifications. Small audiences are fanned out on
 * write into {@code feed_items}; authors past the fan-out threshold are merged in on read.
 */
package org.rapport.server.feed;
