package org.rapport.server.contacts;

import java.net.URI;
import java.util.Locale;

/**
 * Profile handles, normalised to {@code network:handle} so a contact's handle and a member's
 * listed handle compare equal: {@code linkedin:ada-lovelace}, {@code x:ada},
 * {@code mastodon:ada@example.social}, {@code github:ada}, {@code rapport:<member id>} for a
 * link to a member page of this site.
 */
final class Handles {

    private Handles() {
    }

    /** The handle a profile URL names, or null for a URL that names no known profile. */
    static String fromUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] parts = path.split("/");
        if (host.endsWith("linkedin.com") && parts.length >= 3 && parts[1].equals("in")) {
            return "linkedin:" + parts[2].toLowerCase(Locale.ROOT);
        }
        if ((host.endsWith("twitter.com") || host.endsWith("x.com")) && parts.length >= 2 && !parts[1].isBlank()) {
            return "x:" + parts[1].toLowerCase(Locale.ROOT);
        }
        if (host.endsWith("github.com") && parts.length >= 2 && !parts[1].isBlank()) {
            return "github:" + parts[1].toLowerCase(Locale.ROOT);
        }
        if (parts.length >= 3 && parts[1].equals("members") && parts[2].matches("\\d{1,18}")) {
            return "rapport:" + Long.parseLong(parts[2]);
        }
        if (parts.length >= 2 && parts[1].startsWith("@") && parts[1].length() > 1) {
            return "mastodon:" + parts[1].substring(1).toLowerCase(Locale.ROOT) + "@" + host;
        }
        return null;
    }

    /** {@code user@instance} (with or without a leading @) as a Mastodon handle. */
    static String mastodon(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        int at = s.indexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@', at + 1) >= 0 || s.contains(" ")) {
            return null;
        }
        return "mastodon:" + s;
    }

    /**
     * A member's listed handle (the profile's {@code handles} map: network → value) in the same
     * form, or null when it cannot be compared.
     */
    static String ofMember(String network, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        String fromUrl = v.contains("://") ? fromUrl(v) : null;
        if (fromUrl != null) {
            return fromUrl;
        }
        String n = network.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "mastodon" -> mastodon(v);
            case "x", "twitter" -> "x:" + strip(v);
            case "github" -> "github:" + strip(v);
            case "linkedin" -> "linkedin:" + strip(v);
            default -> null;
        };
    }

    private static String strip(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("@") ? s.substring(1) : s;
    }
}
