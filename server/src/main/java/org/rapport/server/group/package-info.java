/** Groups (G3, G4): create and find groups, join, requests, invitations, roles and bans, discussions, the member directory. */
package org.rapport.server.group;
