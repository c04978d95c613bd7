package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * One service extension from an EHLO reply (RFC 5321 §4.1.1.1): the keyword in upper case and its parameters,
 * e.g. {@code SIZE [10240000]} or {@code AUTH [PLAIN, LOGIN]}.
 */
public record EhloKeyword(String keyword, List<String> params) {
    public EhloKeyword {
        params = List.copyOf(params);
    }
}
