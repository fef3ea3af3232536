package org.rapport.server.support;

/** What the test environment requires: under {@code CI=true} nothing may be skipped for lack of a service. */
public final class Environment {

    private Environment() {
    }

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
