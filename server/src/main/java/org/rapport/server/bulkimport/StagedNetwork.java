package org.rapport.server.bulkimport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole network read from its source and checked, held in memory until it is written in one
 * transaction. Members are referred to by their index in {@link #members()}; the database ids are
 * only known when writing. Each member remembers the file and line it came from, so that a clash
 * found against the database can still be reported as {@code file:line}.
 */
final class StagedNetwork {

    /** A member; {@code email} null means a placeholder is made, {@code createdAt} may be {@link EdgeBuffer#NO_TIME}. */
    record Member(String externalId, String email, String firstName, String lastName, String headline,
                  String location, String industry, long createdAt, String file, long line) {
    }

    record Position(int member, int ordinal, String company, Integer startYear, Integer endYear) {
    }

    record Education(int member, int ordinal, String school, Integer startYear, Integer endYear) {
    }

    record Interest(int member, int ordinal, String name) {
    }

    /** A group; {@code owner} is a member index or -1. */
    record Group(String externalId, String name, long createdAt, int owner, String file, long line) {
    }

    record Membership(int group, int member, String role, long joinedAt) {
    }

    private final ImportFormat format;
    private final String source;
    private final List<Member> members = new ArrayList<>();
    private final List<Position> positions = new ArrayList<>();
    private final List<Education> education = new ArrayList<>();
    private final List<Interest> interests = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final EdgeBuffer connections;

    StagedNetwork(ImportFormat format, String source, EdgeBuffer connections) {
        this.format = format;
        this.source = source;
        this.connections = connections;
    }

    ImportFormat format() {
        return format;
    }

    /** Where the data came from, as given on the command line (absolute). */
    String source() {
        return source;
    }

    List<Member> members() {
        return members;
    }

    EdgeBuffer connections() {
        return connections;
    }

    List<Position> positions() {
        return positions;
    }

    List<Education> education() {
        return education;
    }

    List<Interest> interests() {
        return interests;
    }

    List<Group> groups() {
        return groups;
    }

    List<Membership> memberships() {
        return memberships;
    }

    /** What was left out, by reason, in the order first seen (self-loops and duplicates come from the edges). */
    Map<String, Long> skipped() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("selfLoops", connections.selfLoops());
        all.put("duplicateConnections", connections.duplicates());
        all.putAll(skipped);
        return all;
    }

    void skip(String reason, long count) {
        if (count > 0) {
            skipped.merge(reason, count, Long::sum);
        }
    }

    void skip(String reason) {
        skip(reason, 1);
    }
}
