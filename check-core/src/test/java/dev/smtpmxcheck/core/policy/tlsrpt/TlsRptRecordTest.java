package dev.smtpmxcheck.core.policy.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8460 §3: the TLS-RPT record grammar and its report URIs. */
class TlsRptRecordTest {

    @ParameterizedTest(name = "valid: [{0}]")
    @CsvSource(delimiter = '|', value = {
        "v=TLSRPTv1; rua=mailto:reports@example.com|mailto:reports@example.com",
        "v=TLSRPTv1;rua=https://reporting.example.com/v1/tlsrpt|https://reporting.example.com/v1/tlsrpt",
        "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.net/x;|mailto:a@example.com,https://r.example.net/x",
        "v=TLSRPTv1 ; rua=mailto:a@example.com , mailto:b+tls@example.org ; ext=1|mailto:a@example.com,mailto:b+tls@example.org",
        "v=TLSRPTv1; rua=mailto:a@example.com?subject=tls|mailto:a@example.com?subject=tls"
    })
    void validRecords(String text, String rua) {
        TlsRptRecord.Parse parse = TlsRptRecord.parse(text);

        assertThat(parse).as(parse.toString()).isInstanceOf(TlsRptRecord.Parse.Valid.class);
        assertThat(((TlsRptRecord.Parse.Valid) parse).record().rua()).isEqualTo(List.of(rua.split(",")));
    }

    @ParameterizedTest(name = "invalid: [{0}] ({1})")
    @CsvSource(delimiter = '|', value = {
        "v=TLSRPTv1|no rua field",
        "v=TLSRPTv1;|no rua field",
        "v=TLSRPTv1; ext=1|no rua field",
        "v=TLSRPTv1; rua=|empty rua URI",
        "v=TLSRPTv1; rua=reports@example.com|no scheme",
        "v=TLSRPTv1; rua=ftp://example.com/x|the scheme ftp",
        "v=TLSRPTv1; rua=http://example.com/x|the scheme http",
        "v=TLSRPTv1; rua=mailto:example.com|is not mailto:local@domain",
        "v=TLSRPTv1; rua=mailto:a@|is not mailto:local@domain",
        "v=TLSRPTv1; rua=https:///nohost|has no valid host name",
        "v=TLSRPTv1; rua=mailto:a@example.com,|empty rua URI",
        "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com|more than one rua field",
        "v=TLSRPTv1 rua=mailto:a@example.com|must be followed by",
        "v=TLSRPTv1; rua mailto:a@example.com|is not name=value",
        "v=tlsrptv1; rua=mailto:a@example.com|does not begin with"
    })
    void invalidRecords(String text, String reason) {
        TlsRptRecord.Parse parse = TlsRptRecord.parse(text);

        assertThat(parse).isInstanceOf(TlsRptRecord.Parse.Invalid.class);
        assertThat(((TlsRptRecord.Parse.Invalid) parse).reason()).contains(reason);
    }

    @ParameterizedTest(name = "[{0}] is a candidate: {1}")
    @CsvSource(delimiter = '|', value = {
        "v=TLSRPTv1; rua=mailto:a@example.com|true",
        "v=TLSRPTv1|true",
        "v=TLSRPTv10; rua=mailto:a@example.com|false",
        "v=spf1 -all|false"
    })
    void candidates(String text, boolean candidate) {
        assertThat(TlsRptRecord.isCandidate(text)).isEqualTo(candidate);
    }
}
