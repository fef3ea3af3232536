package org.rapport.server.admin;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.SiteIdentity;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException.Errors;
import org.springframework.stereotype.Service;

/** Reads and changes {@link SiteSettings}; a setting never changed has its default. */
@Service
public class SiteSettingsService implements SiteIdentity {

    static final int SITE_NAME_MAX = 60;
    static final int DOMAINS_MAX = 50;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private final AdminRepository repository;
    private final String defaultPublicUrl;

    SiteSettingsService(AdminRepository repository, RapportProperties properties) {
        this.repository = repository;
        String url = properties.mail().publicUrl();
        this.defaultPublicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String siteName() {
        return repository.settings().getOrDefault("siteName", "Rapport");
    }

    @Override
    public String publicUrl() {
        return repository.settings().getOrDefault("publicUrl", defaultPublicUrl);
    }

    public SiteSettings current() {
        Map<String, String> stored = repository.settings();
        String domains = stored.getOrDefault("allowedEmailDomains", "");
        return new SiteSettings(SignupMode.valueOf(stored.getOrDefault("signupMode", SignupMode.OPEN.name())),
                domains.isEmpty() ? List.of() : Arrays.asList(domains.split(",")),
                stored.getOrDefault("siteName", "Rapport"), stored.getOrDefault("publicUrl", defaultPublicUrl));
    }

    /** Changes the fields given (null: unchanged); checks them all first. Returns what changed, for the audit log. */
    String change(String rawMode, List<String> rawDomains, String rawSiteName, String rawPublicUrl) {
        SiteSettings now = current();
        Errors errors = new Errors();
        SignupMode mode = now.signupMode();
        if (rawMode != null) {
            mode = parseMode(rawMode);
            if (mode == null) {
                errors.add("signupMode", "Choose OPEN, INVITE_ONLY, DOMAINS or APPROVAL.");
            }
        }
        List<String> domains = now.allowedEmailDomains();
        if (rawDomains != null) {
            domains = new ArrayList<>();
            for (String d : rawDomains) {
                String domain = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
                if (domain.startsWith("@")) {
                    domain = domain.substring(1);
                }
                if (domain.isEmpty()) {
                    continue;
                }
                if (!DOMAIN.matcher(domain).matches() || domain.length() > 253) {
                    errors.add("allowedEmailDomains", "\"" + Text.clean(d) + "\" is not a domain name such as example.org.");
                } else if (!domains.contains(domain)) {
                    domains.add(domain);
                }
            }
            if (domains.size() > DOMAINS_MAX) {
                errors.add("allowedEmailDomains", "At most " + DOMAINS_MAX + " domains.");
            }
        }
        if (mode == SignupMode.DOMAINS && domains.isEmpty() && !errors.has("allowedEmailDomains")) {
            errors.add("allowedEmailDomains", "Give at least one domain when sign-up is limited to domains.");
        }
        String siteName = now.siteName();
        if (rawSiteName != null) {
            siteName = Text.clean(rawSiteName);
            if (siteName.isEmpty()) {
                errors.add("siteName", "The site needs a name.");
            } else if (siteName.length() > SITE_NAME_MAX || Text.hasControlCharacters(rawSiteName, false)) {
                errors.add("siteName", "Use at most " + SITE_NAME_MAX + " characters, on one line.");
            }
        }
        String publicUrl = now.publicUrl();
        if (rawPublicUrl != null) {
            publicUrl = rawPublicUrl.strip();
            if (!isHttpUrl(publicUrl)) {
                errors.add("publicUrl", "Give the address members use, such as https://network.example.org.");
            } else if (publicUrl.endsWith("/")) {
                publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
            }
        }
        errors.throwIfAny();
        StringBuilder changed = new StringBuilder();
        if (mode != now.signupMode()) {
            repository.putSetting("signupMode", mode.name());
            changed.append("signupMode=").append(mode).append("; ");
        }
        if (!domains.equals(now.allowedEmailDomains())) {
            repository.putSetting("allowedEmailDomains", String.join(",", domains));
            changed.append("allowedEmailDomains=").append(String.join(",", domains)).append("; ");
        }
        if (!siteName.equals(now.siteName())) {
            repository.putSetting("siteName", siteName);
            changed.append("siteName=").append(siteName).append("; ");
        }
        if (!publicUrl.equals(now.publicUrl())) {
            repository.putSetting("publicUrl", publicUrl);
            changed.append("publicUrl=").append(publicUrl).append("; ");
        }
        return changed.length() == 0 ? "" : changed.substring(0, changed.length() - 2);
    }

    static SignupMode parseMode(String raw) {
        for (SignupMode m : SignupMode.values()) {
            if (m.name().equalsIgnoreCase(raw.strip())) {
                return m;
            }
        }
        return null;
    }

    private static boolean isHttpUrl(String s) {
        if (s.isEmpty() || s.length() > 300 || Text.hasControlCharacters(s, false)) {
            return false;
        }
        try {
            URI uri = new URI(s);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

}
