/**
 * Profile views (C8) and People Also Viewed (C7): views are recorded off the request path in
 * batches, one per viewer, profile and day; "who viewed my profile" counts by week; a profile's
 * "also viewed" module lists what its viewers also looked at, plus the member's newest
 * connections, unless the member turned it off.
 */
package org.rapport.server.profileview;
