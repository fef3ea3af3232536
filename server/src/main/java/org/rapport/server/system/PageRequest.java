package org.rapport.server.system;

/**
 * A request for one page: {@code limit} between 1 and 100 (default 20) and an optional cursor from
 * the previous page. Invalid values are a {@link ValidationException}, never silently clamped.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (cursor != null && cursor.isBlank()) {
            cursor = null;
        }
    }

    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
