package dev.smtpmxcheck.core.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.dns.DnsjavaResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Resolver;

/** Trust anchors as {@link DnssecTlsaResolver} loads them; validation itself runs against the lab (the IT). */
class DnssecTlsaResolverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static Resolver head() {
        return DnsjavaResolver.newResolver(List.of("127.0.0.1:9"), TIMEOUT);
    }

    @Test
    void theShippedRootAnchorsAreTheIanaKskDsRecords() throws IOException {
        String text;
        try (InputStream in = DnssecTlsaResolver.class.getResourceAsStream(DnssecTlsaResolver.ROOT_ANCHORS)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }

        assertThat(text).contains(". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
                ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16");
        assertThat(DnssecTlsaResolver.validating(head(), null, TIMEOUT)).isNotNull();
    }

    @Test
    void aTrustAnchorFileWithADsRecordLoads(@TempDir Path dir) throws IOException {
        Path anchor = Files.writeString(dir.resolve("anchor.txt"), "test.\tIN\tDS\t53628 13 2 " + "3a".repeat(32) + "\n");

        assertThat(DnssecTlsaResolver.validating(head(), anchor, TIMEOUT)).isNotNull();
    }

    @Test
    void aFileWithoutAnchorsIsRefusedWithItsName(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "; nothing here\n");
        Path garbage = Files.writeString(dir.resolve("garbage.txt"), "this is not a zone file at all\n");
        Path missing = dir.resolve("missing.txt");

        assertThatThrownBy(() -> DnssecTlsaResolver.validating(head(), empty, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty.toString())
                .hasMessageContaining("holds no DS or DNSKEY record");
        assertThatThrownBy(() -> DnssecTlsaResolver.validating(head(), garbage, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> DnssecTlsaResolver.validating(head(), missing, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trust anchor file " + missing
                        + " does not exist");
    }

    @Test
    void aFileThatIsNotAZoneFileSaysSoInPlainWords(@TempDir Path dir) throws IOException {
        // What the user met with --trust-anchor /etc/hostname: dnsjava said "<none>:2: expected a string".
        Path hostname = Files.writeString(dir.resolve("hostname"), "mail-checker\n");

        assertThatThrownBy(() -> DnssecTlsaResolver.validating(head(), hostname, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trust anchor file " + hostname + " is not a list of DS or DNSKEY records")
                .hasMessageContaining("expected zone-file lines such as")
                .hasMessageNotContaining("<none>").hasMessageNotContaining("expected a string");
    }
}
