package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * What the check found of a domain's TLS-RPT record (RFC 8460 §3).
 *
 * @param records the TXT records at {@code _smtp._tls.<domain>} that begin with {@code v=TLSRPTv1}
 * @param rua the report URIs of the one valid record ({@code mailto:} or {@code https:}), empty otherwise
 */
public record TlsRptFacts(List<String> records, List<String> rua) {
    public TlsRptFacts {
        records = records == null ? List.of() : List.copyOf(records);
        rua = rua == null ? List.of() : List.copyOf(rua);
    }
}
