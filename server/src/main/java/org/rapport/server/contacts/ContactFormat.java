package org.rapport.server.contacts;

/** The kinds of file an address book arrives in. */
public enum ContactFormat {
    GOOGLE_CSV("Google Contacts CSV"),
    OUTLOOK_CSV("Outlook CSV"),
    LINKEDIN_CSV("LinkedIn Connections.csv"),
    MASTODON_CSV("Mastodon following CSV"),
    CSV("CSV with an e-mail column"),
    VCARD("vCard"),
    FACEBOOK_JSON("Facebook friends JSON"),
    X_ARCHIVE("X (Twitter) archive following list"),
    EMAIL_LIST("List of e-mail addresses");

    private final String label;

    ContactFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
