package org.rapport.server.feed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an update's text into HTML: every character escaped, line breaks kept, and http(s) links
 * made clickable. The only place member text becomes markup: what it returns is safe to insert
 * unescaped, whatever the text holds.
 */
public final class PostText {

    /** A link runs to the next space or angle bracket or quote; trailing punctuation stays text. */
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"'`]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}";

    private PostText() {
    }

    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        Matcher m = LINK.matcher(text);
        int at = 0;
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end - m.start() <= "https://".length()) {
                continue;
            }
            escape(text, at, m.start(), out);
            String url = text.substring(m.start(), end);
            out.append("<a href=\"");
            escape(url, 0, url.length(), out);
            out.append("\" rel=\"nofollow noopener noreferrer ugc\">");
            escape(url, 0, url.length(), out);
            out.append("</a>");
            at = end;
        }
        escape(text, at, text.length(), out);
        return out.toString();
    }

    private static void escape(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("<br>");
                case '\r' -> { }
                default -> out.append(c);
            }
        }
    }
}
