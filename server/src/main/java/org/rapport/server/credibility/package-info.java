/** Credibility (H1–H3): skill endorsements, written recommendations and introductions through a mutual connection. */
package org.rapport.server.credibility;
