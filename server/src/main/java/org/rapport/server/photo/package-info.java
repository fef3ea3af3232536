/** Profile photos (issue 18): upload with checks, re-encoding, storage in the database, serving by the privacy rule. */
package org.rapport.server.photo;
