package org.rapport.server.admin;

import java.util.List;

/** What an administrator sets at run time: the sign-up policy, the site's name and public address. */
public record SiteSettings(SignupMode signupMode, List<String> allowedEmailDomains, String siteName, String publicUrl) {

    public SiteSettings {
        allowedEmailDomains = List.copyOf(allowedEmailDomains);
    }
}
