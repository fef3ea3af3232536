package org.rapport.server.notification;

/**
 * What a notification is about, with its defaults: whether it shows in the app and whether it goes
 * into the e-mail digest, until the member chooses otherwise. Stored by name; later features add kinds.
 */
public enum NotificationKind {
    /** Someone invited me to connect (actor: the sender). */
    INVITATION_RECEIVED("Invitations to connect", true, true),
    /** Someone accepted my invitation (actor: the recipient). */
    INVITATION_ACCEPTED("Accepted invitations", true, true),
    /** Someone started following me (actor: the follower). */
    NEW_FOLLOWER("New followers", true, false),
    /** Someone I follow shared an update (actor: the author). */
    POST("Updates from people you follow", true, false),
    /** Someone I pinned as a VIP shared an update (actor: the author). */
    VIP_POST("Updates from your VIPs", true, true),
    /**
     * Someone sent me a message (actor: the sender). Not stored as a notification (the messaging
     * page has its own unread counts): the preference says whether an open page announces it.
     */
    MESSAGE("New messages", true, false),
    /** A connection invited me to a group (actor: the inviter). */
    GROUP_INVITATION("Invitations to groups", true, true),
    /** An owner or manager approved my request to join a group (actor: who approved). */
    GROUP_REQUEST_APPROVED("Approved requests to join groups", true, false),
    /** A member's post waits for my approval in a group I manage (actor: the author). */
    GROUP_POST_PENDING("Group posts awaiting your approval", true, false),
    /** A connection endorsed one of my skills (actor: the endorser). */
    SKILL_ENDORSED("Skill endorsements", true, false),
    /** A connection asked me to write them a recommendation (actor: who asked). */
    RECOMMENDATION_REQUESTED("Requests for a recommendation", true, true),
    /** A connection wrote (or revised) a recommendation for me to approve (actor: the author). */
    RECOMMENDATION_RECEIVED("Recommendations to approve", true, true),
    /** The member I recommended asked me to revise it (actor: the recipient). */
    RECOMMENDATION_REVISION("Requests to revise a recommendation", true, true),
    /** A connection asked me to introduce them to one of my connections (actor: who asked). */
    INTRODUCTION_REQUESTED("Requests for an introduction", true, true),
    /** My request for an introduction was forwarded (actor: the intermediary). */
    INTRODUCTION_FORWARDED("Introductions forwarded", true, true),
    /** My request for an introduction was declined (actor: the intermediary). */
    INTRODUCTION_DECLINED("Introductions declined", true, false),
    /** A moderator removed something I wrote after a report (actor: the moderator). */
    CONTENT_REMOVED("Content removed by a moderator", true, true),
    /** A moderator warned me after a report (actor: the moderator). */
    MODERATION_WARNING("Warnings from moderators", true, true);

    private final String label;
    private final boolean inAppByDefault;
    private final boolean emailByDefault;

    NotificationKind(String label, boolean inAppByDefault, boolean emailByDefault) {
        this.label = label;
        this.inAppByDefault = inAppByDefault;
        this.emailByDefault = emailByDefault;
    }

    /** For the settings page. */
    public String label() {
        return label;
    }

    /** Whether the e-mail digest can carry this kind (messages are announced live only). */
    public boolean emailable() {
        return this != MESSAGE;
    }

    public NotificationPreference defaultPreference() {
        return new NotificationPreference(inAppByDefault, emailByDefault);
    }
}
