package org.rapport.server.people;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.server.network.Degree;
import org.rapport.server.network.MemberCard;

/**
 * "How you're connected" as a small graph (issue 18): every shortest chain from me to a
 * 2nd-degree member, one through each mutual connection the profile shows (at most five, the
 * same ones the page lists, so nothing hidden is drawn), or the one chain the graph found for a
 * 3rd-degree member or beyond. Members are laid out in columns by their distance from me, each
 * column centred; the template draws circles, initials and lines at these coordinates.
 */
public record ChainsPicture(List<Node> nodes, List<Edge> edges, List<List<MemberCard>> chains, int width, int height) {

    public static final int MAX_CHAINS = 5;
    static final int COLUMN = 150;
    static final int ROW = 64;
    static final int MARGIN_X = 50;
    static final int MARGIN_Y = 30;
    public static final int RADIUS = 20;

    /** One member in the picture, at its centre. */
    public record Node(MemberCard card, int x, int y, boolean me) {
    }

    /** A connection between two members in the picture. */
    public record Edge(int x1, int y1, int x2, int y2) {
    }

    /** The picture for a profile, or null when there is no chain to draw (1st degree, self, a hidden path). */
    public static ChainsPicture of(ProfileView view) {
        List<MemberCard> path = view.path();
        if (path.size() < 3) {
            return null;
        }
        List<List<MemberCard>> chains = new ArrayList<>();
        if (view.degree() == Degree.SECOND && !view.mutualPreview().isEmpty()) {
            for (MemberCard middle : view.mutualPreview().subList(0, Math.min(MAX_CHAINS, view.mutualPreview().size()))) {
                chains.add(List.of(path.get(0), middle, path.get(path.size() - 1)));
            }
        } else {
            chains.add(path);
        }
        return layout(chains);
    }

    static ChainsPicture layout(List<List<MemberCard>> chains) {
        int columns = chains.stream().mapToInt(List::size).max().orElse(0);
        // each column's distinct members, in order of first appearance
        List<Map<Long, MemberCard>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            Map<Long, MemberCard> column = new LinkedHashMap<>();
            for (List<MemberCard> chain : chains) {
                if (c < chain.size()) {
                    column.putIfAbsent(chain.get(c).member().id(), chain.get(c));
                }
            }
            byColumn.add(column);
        }
        int rows = byColumn.stream().mapToInt(Map::size).max().orElse(1);
        int height = 2 * MARGIN_Y + (rows - 1) * ROW + 24;
        int width = 2 * MARGIN_X + (columns - 1) * COLUMN;
        Map<String, Node> at = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            List<MemberCard> column = new ArrayList<>(byColumn.get(c).values());
            int top = MARGIN_Y + (rows - column.size()) * ROW / 2;
            for (int r = 0; r < column.size(); r++) {
                Node node = new Node(column.get(r), MARGIN_X + c * COLUMN, top + r * ROW, c == 0);
                nodes.add(node);
                at.put(c + ":" + column.get(r).member().id(), node);
            }
        }
        List<Edge> edges = new ArrayList<>();
        java.util.Set<String> drawn = new java.util.HashSet<>();
        for (List<MemberCard> chain : chains) {
            for (int c = 0; c + 1 < chain.size(); c++) {
                Node a = at.get(c + ":" + chain.get(c).member().id());
                Node b = at.get((c + 1) + ":" + chain.get(c + 1).member().id());
                if (drawn.add(a.x() + "," + a.y() + "-" + b.x() + "," + b.y())) {
                    edges.add(new Edge(a.x(), a.y(), b.x(), b.y()));
                }
            }
        }
        return new ChainsPicture(nodes, edges, chains, width, height);
    }
}
