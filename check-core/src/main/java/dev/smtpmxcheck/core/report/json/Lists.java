package dev.smtpmxcheck.core.report.json;

import java.util.List;

/** List handling of the JSON model: a list absent from the text reads as empty. */
final class Lists {
    private Lists() {}

    /** An unmodifiable copy of {@code list}, empty for null. */
    static <T> List<T> of(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
