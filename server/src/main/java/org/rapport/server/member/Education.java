package org.rapport.server.member;

/** Studies at a school: degree, from and to years ({@code to} null while studying). */
public record Education(String school, String degree, Integer from, Integer to) {
}
