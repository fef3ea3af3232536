package org.rapport.server.feed;

import org.rapport.server.network.MemberCard;

/** An update as a viewer sees it: the post, its author with degree badge, and whether it is the viewer's own. */
public record FeedItem(Post post, MemberCard author, boolean mine) {
}
