package org.rapport.server.member;

/** A job: company and title, from and to years ({@code to} null while current). */
public record Position(String company, String title, Integer from, Integer to) {

    public boolean current() {
        return to == null;
    }
}
