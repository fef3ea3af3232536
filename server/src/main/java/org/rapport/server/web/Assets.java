package org.rapport.server.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The fingerprinted address of a static file for the layout ({@code /css/rapport.css} becomes
 * {@code /css/rapport-<md5 of its content>.css}, WebJars likewise), so that browsers may keep
 * each version for a year ({@code spring.web.resources.cache.cachecontrol.*}) and still get a
 * changed file at once. Templates call {@link #url} statically, as they hold no beans; before
 * the application has started (or for an unknown file) the plain path is returned.
 */
@Component
public final class Assets {

    private static volatile ResourceUrlProvider provider;

    /** Without a web server (the one-shot commands) there is no provider and no page to serve. */
    Assets(ObjectProvider<ResourceUrlProvider> mvcResourceUrlProvider) {
        provider = mvcResourceUrlProvider.getIfAvailable();
    }

    public static String url(String path) {
        ResourceUrlProvider p = provider;
        if (p == null) {
            return path;
        }
        String versioned = p.getForLookupPath(path);
        return versioned == null ? path : versioned;
    }
}
