package org.rapport.server.system;

/**
 * The community's name and the address members use, as an administrator set them in the site
 * settings (issue 17): what the page layout and every mail say instead of a fixed "Rapport".
 */
public interface SiteIdentity {

    /** The site's name, "Rapport" until an administrator names it. */
    String siteName();

    /** The address members use, without a trailing slash ({@code rapport.mail.public-url} until set). */
    String publicUrl();
}
