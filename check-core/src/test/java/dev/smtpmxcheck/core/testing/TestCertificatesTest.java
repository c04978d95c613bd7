package dev.smtpmxcheck.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestCertificatesTest {
    @Test
    void leafIsSignedByItsCaAndCarriesItsNames() throws Exception {
        TestCertificates.Held ca = TestCertificates.ca("Test CA");

        TestCertificates.Held leaf = TestCertificates.builder().commonName("mx1.example.test")
                .dnsName("mx1.example.test").rsa(2048).signedBy(ca).build();

        leaf.certificate().verify(ca.keyPair().getPublic());
        assertThat(leaf.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(leaf.certificate().getSubjectAlternativeNames().iterator().next().get(1)).isEqualTo("mx1.example.test");
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }
}
