package org.rapport.server.privacy;

/**
 * A partial update of the settings (PATCH): null fields stay as they are. Raw client input:
 * enum names as strings so a wrong one is a field error, not an unreadable body.
 */
public record PrivacyChanges(
        String connectionsVisibility,
        String invitationsFrom,
        Boolean requireNote,
        Boolean requireShared,
        Boolean secondDegreeOnly,
        String profileVisibility,
        Boolean showAlsoViewed,
        Boolean followPrimary,
        String followersFrom,
        String messagesFrom) {

    /** Changes to the settings that existed before following (F1) arrived; the follow ones stay as they are. */
    public PrivacyChanges(String connectionsVisibility, String invitationsFrom, Boolean requireNote,
                          Boolean requireShared, Boolean secondDegreeOnly, String profileVisibility,
                          Boolean showAlsoViewed) {
        this(connectionsVisibility, invitationsFrom, requireNote, requireShared, secondDegreeOnly, profileVisibility,
                showAlsoViewed, null, null, null);
    }

    /** Changes to the settings that existed before messaging (G2) arrived; who may message me stays as it is. */
    public PrivacyChanges(String connectionsVisibility, String invitationsFrom, Boolean requireNote,
                          Boolean requireShared, Boolean secondDegreeOnly, String profileVisibility,
                          Boolean showAlsoViewed, Boolean followPrimary, String followersFrom) {
        this(connectionsVisibility, invitationsFrom, requireNote, requireShared, secondDegreeOnly, profileVisibility,
                showAlsoViewed, followPrimary, followersFrom, null);
    }
}
