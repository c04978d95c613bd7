package dev.smtpmxcheck.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.relay.RelayForms.Form;
import dev.smtpmxcheck.core.report.RelayVariant;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelayFormsTest {
    private static final String FROM = "relay-probe@example.org";
    private static final String TO = "relay-probe@example.net";

    private static InetAddress v4() throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    }

    @Test
    void everyClassicFormForAnIpv4Address() throws Exception {
        List<Form> forms = RelayForms.variants(FROM, TO, "example.com", "mx1.example.com", v4());

        assertThat(forms).containsExactly(
                new Form(RelayVariant.NULL_SENDER, "", TO),
                new Form(RelayVariant.SENDER_IN_DOMAIN, "relay-probe@example.com", TO),
                new Form(RelayVariant.SENDER_AT_HOST, "relay-probe@mx1.example.com", TO),
                new Form(RelayVariant.SENDER_AT_IP_LITERAL, "relay-probe@[192.0.2.1]", TO),
                new Form(RelayVariant.PERCENT_HACK, FROM, "relay-probe%example.net@[192.0.2.1]"),
                new Form(RelayVariant.QUOTED_LOCAL_PART, FROM, "\"relay-probe@example.net\"@[192.0.2.1]"),
                new Form(RelayVariant.DOUBLE_AT, FROM, "relay-probe@example.net@[192.0.2.1]"),
                new Form(RelayVariant.SOURCE_ROUTE, FROM, "@[192.0.2.1]:relay-probe@example.net"),
                new Form(RelayVariant.BANG_PATH, FROM, "example.net!relay-probe"));
    }

    @Test
    void anIpv6AddressBecomesAnIpv6AddressLiteral() throws Exception {
        InetAddress v6 = InetAddress.getByName("2001:db8:0:0:0:0:0:1");

        List<Form> forms = RelayForms.variants(FROM, TO, "example.com.", "mx1.example.com.", v6);

        assertThat(RelayForms.ipLiteral(v6)).isEqualTo("[IPv6:2001:db8::1]");
        assertThat(forms).contains(new Form(RelayVariant.PERCENT_HACK, FROM, "relay-probe%example.net@[IPv6:2001:db8::1]"),
                new Form(RelayVariant.SENDER_IN_DOMAIN, "relay-probe@example.com", TO));
    }

    @Test
    void aHostGivenAsAnAddressHasNoDomainOrHostSenderForm() throws Exception {
        List<Form> forms = RelayForms.variants(FROM, TO, "192.0.2.1", "192.0.2.1", v4());

        assertThat(forms).extracting(Form::variant)
                .doesNotContain(RelayVariant.SENDER_IN_DOMAIN, RelayVariant.SENDER_AT_HOST)
                .contains(RelayVariant.SENDER_AT_IP_LITERAL)
                .hasSize(RelayVariant.values().length - 2);
        assertThat(RelayForms.variants(FROM, TO, null, "mx1.example.com", v4())).extracting(Form::variant)
                .doesNotContain(RelayVariant.SENDER_IN_DOMAIN);
    }

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("relay-probe@example.org\r\nDATA", TO, "example.com", "mx1.example.com"),
                Arguments.of(FROM, "relay-probe@example.net\nRCPT TO:<x@y>", "example.com", "mx1.example.com"),
                Arguments.of(FROM, TO, "example.com\u0000", "mx1.example.com"),
                Arguments.of(FROM, TO, "example.com", "mx1.example.com\r"),
                Arguments.of(FROM, "a b@example.net", "example.com", "mx1.example.com"),
                Arguments.of(FROM, "x>@example.net", "example.com", "mx1.example.com"),
                Arguments.of("<x@example.org", TO, "example.com", "mx1.example.com"),
                Arguments.of(FROM, "x\"@example.net", "example.com", "mx1.example.com"),
                Arguments.of(FROM, "x\\@example.net", "example.com", "mx1.example.com"),
                Arguments.of(FROM, "r\u00e9lay@example.net", "example.com", "mx1.example.com"),
                Arguments.of(FROM, "no-at-sign", "example.com", "mx1.example.com"),
                Arguments.of("@example.org", TO, "example.com", "mx1.example.com"),
                Arguments.of(FROM, "relay-probe@", "example.com", "mx1.example.com"),
                Arguments.of(null, TO, "example.com", "mx1.example.com"));
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void inputThatCouldBreakACommandIsRefused(String from, String to, String domain, String mx) {
        assertThatThrownBy(() -> RelayForms.variants(from, to, domain, mx, v4()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noFormHoldsALineBreakNulSpaceOrAngleBracket() throws Exception {
        for (InetAddress address : List.of(v4(), InetAddress.getByName("::1"))) {
            for (Form f : RelayForms.variants("a.b-c_d+e@x.example.org", "f=g@y.example.net", "example.com",
                    "mx1.example.com", address)) {
                for (String path : List.of(f.reversePath(), f.forwardPath())) {
                    assertThat(path).as(f.variant().name()).doesNotContainPattern("[\\r\\n\\x00 <>\\x7f-\\uffff]");
                }
            }
        }
    }
}
