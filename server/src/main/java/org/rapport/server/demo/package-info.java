/** The demo network (J4): a believable generated community so a first run has people to look at. */
package org.rapport.server.demo;
