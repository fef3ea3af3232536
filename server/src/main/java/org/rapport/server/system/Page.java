package org.rapport.server.system;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items, an opaque cursor for the next page (null on the last), and the
 * total where it is cheap to know (null otherwise). The API returns exactly this shape.
 */
public record Page<T>(List<T> items, String nextCursor, Long total) {

    /** A whole list in one page: no next cursor, the total its size (short lists, same shape as the rest). */
    public static <T> Page<T> all(List<T> items) {
        return new Page<>(items, null, (long) items.size());
    }

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), nextCursor, total);
    }
}
