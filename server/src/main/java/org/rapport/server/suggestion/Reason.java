package org.rapport.server.suggestion;

import java.util.List;

import org.rapport.server.member.MemberSummary;

/**
 * One piece of evidence for a suggestion, in words a person can check ("3 mutual connections: A,
 * B and C", "Both at Acme 2019–2021"), with the members it names where there are some.
 */
public record Reason(Kind kind, String detail, List<MemberSummary> members) {

    public enum Kind { MUTUAL_CONNECTIONS, CONTACTS, COMPANY, SCHOOL, GROUP, INDUSTRY, LOCATION }

    public Reason {
        members = List.copyOf(members);
    }

    static Reason of(Kind kind, String detail) {
        return new Reason(kind, detail, List.of());
    }
}
