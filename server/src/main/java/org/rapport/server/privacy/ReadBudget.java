package org.rapport.server.privacy;

/**
 * The kinds of reading people that are budgeted per member (issue 15): each has its own bucket,
 * so a member who used up searches may still open profiles. The limits are {@link ReadLimits}.
 */
public enum ReadBudget {
    PROFILE("profile reads", "profiles"),
    MUTUAL("mutual-connection reads", "mutual"),
    PATH("how-you're-connected reads", "path"),
    ALSO_VIEWED("People Also Viewed reads", "also-viewed"),
    SEARCH("searches", "search"),
    CONTACTS("contact-match reads", "contacts"),
    FOLLOW("follows and unfollows", "follows");

    private final String noun;
    private final String property;

    ReadBudget(String noun, String property) {
        this.noun = noun;
        this.property = property;
    }

    /** What is counted, for messages ("profile reads"). */
    public String noun() {
        return noun;
    }

    /** The name in {@code rapport.limits.<name>-per-minute} and {@code -per-day}. */
    public String property() {
        return property;
    }
}
