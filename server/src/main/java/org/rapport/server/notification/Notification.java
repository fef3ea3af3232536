package org.rapport.server.notification;

import java.time.Instant;

import org.rapport.server.network.MemberCard;

/** A notification as its owner sees it; {@code actor} is who caused it, {@code postId} the update and {@code groupId} the group it is about. */
public record Notification(long id, NotificationKind kind, MemberCard actor, Long invitationId, Long postId,
                           Instant createdAt, boolean read, Long groupId) {

    public Notification(long id, NotificationKind kind, MemberCard actor, Long invitationId, Long postId,
                        Instant createdAt, boolean read) {
        this(id, kind, actor, invitationId, postId, createdAt, read, null);
    }

    /** The sentence a page shows after the actor's name. */
    public String sentence() {
        return sentence(kind);
    }

    public static String sentence(NotificationKind kind) {
        return switch (kind) {
            case INVITATION_RECEIVED -> "invited you to connect.";
            case INVITATION_ACCEPTED -> "accepted your invitation. You are now connected.";
            case NEW_FOLLOWER -> "started following you.";
            case POST -> "shared an update.";
            case VIP_POST -> "shared an update. You keep them among your VIPs.";
            case MESSAGE -> "sent you a message.";
            case GROUP_INVITATION -> "invited you to join a group.";
            case GROUP_REQUEST_APPROVED -> "approved your request to join a group. Welcome!";
            case GROUP_POST_PENDING -> "wrote a group post that waits for your approval.";
            case SKILL_ENDORSED -> "endorsed one of your skills.";
            case RECOMMENDATION_REQUESTED -> "asked you for a recommendation.";
            case RECOMMENDATION_RECEIVED -> "wrote you a recommendation. Approve it to show it on your profile.";
            case RECOMMENDATION_REVISION -> "asked you to revise your recommendation.";
            case INTRODUCTION_REQUESTED -> "asked you for an introduction.";
            case INTRODUCTION_FORWARDED -> "forwarded your request for an introduction.";
            case INTRODUCTION_DECLINED -> "declined your request for an introduction.";
            case CONTENT_REMOVED -> "(a moderator) removed something you wrote that was reported as breaking the community's rules.";
            case MODERATION_WARNING -> "(a moderator) warns you: something you wrote was reported as breaking the community's rules.";
        };
    }

    /** Where the notification leads. */
    public String link() {
        return switch (kind) {
            case INVITATION_RECEIVED -> "/network";
            case INVITATION_ACCEPTED, NEW_FOLLOWER -> "/members/" + actor.member().id();
            case POST, VIP_POST -> postId == null ? "/" : "/posts/" + postId;
            case MESSAGE -> "/messages";
            case GROUP_INVITATION, GROUP_REQUEST_APPROVED -> groupId == null ? "/groups" : "/groups/" + groupId;
            case GROUP_POST_PENDING -> groupId == null ? "/groups" : "/groups/" + groupId + "/manage";
            case SKILL_ENDORSED -> "/members/" + actor.member().id();
            case RECOMMENDATION_REQUESTED, RECOMMENDATION_RECEIVED, RECOMMENDATION_REVISION -> "/recommendations";
            case INTRODUCTION_REQUESTED, INTRODUCTION_FORWARDED, INTRODUCTION_DECLINED -> "/introductions";
            case CONTENT_REMOVED, MODERATION_WARNING -> "/notifications";
        };
    }
}
