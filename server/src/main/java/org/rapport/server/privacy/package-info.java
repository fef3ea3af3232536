/**
 * Privacy and blocking (B4, B6, I1, I2, I5): each member's settings (who sees my connections and
 * my full profile, who may invite me and what an invitation must have to reach my list, People
 * Also Viewed) and blocks, which hide two members from each other everywhere. Other features ask
 * this package; it enforces nothing in pages alone.
 */
package org.rapport.server.privacy;
