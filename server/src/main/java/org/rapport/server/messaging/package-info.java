/** Messaging (G1, G2): conversations between two members, message requests, read state, live delivery. */
package org.rapport.server.messaging;
