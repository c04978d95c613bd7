package dev.smtpmxcheck.core.report;

/**
 * The stable identifiers of everything the check can find. JSON reports, the Nagios long output,
 * the Jenkins gate and the documentation (one page per code under {@code src-docs/src/docs/asciidoc/findings/}) all key
 * on {@link #name()}; a code is never renamed or reused.
 *
 * <p>Each code has a default severity, a one-line title and a remediation template in which
 * {@code {subject}} stands for the finding's subject (a domain, an MX host, or {@code host [address]:port}).
 * Codes marked <em>reachability</em> describe an MX address that cannot take mail; the verdict makes
 * them CRITICAL when no address of the domain can, and WARNING while another address still works
 * (RFC 5321 §5.1: senders try the next MX).
 */
public enum FindingCode {
    // --- DNS (RFC 5321 §5.1, RFC 7505) ---
    DNS_NXDOMAIN(Severity.CRITICAL, false, "The domain does not exist in DNS",
            "Register {subject} or fix the delegation so that its name servers answer for it."),
    DNS_SERVFAIL(Severity.CRITICAL, false, "The DNS lookup failed with SERVFAIL",
            "Repair the zone of {subject}: SERVFAIL usually means broken delegation or DNSSEC that does not validate."),
    DNS_TIMEOUT(Severity.CRITICAL, false, "The DNS lookup timed out",
            "Check that the name servers of {subject} answer over UDP and TCP port 53, and that the resolver used by the check is reachable."),
    DNS_FAILURE(Severity.CRITICAL, false, "The DNS lookup failed",
            "Check the resolver the check uses (-s) and the name servers of {subject}: no usable answer came back (REFUSED, resolver unreachable, or another error)."),
    NULL_MX(Severity.INFO, false, "The domain publishes a null MX: it accepts no mail",
            "Nothing to do if {subject} is not meant to receive mail (RFC 7505); otherwise replace the \"0 .\" MX with real MX records."),
    NULL_MX_WITH_OTHER_MX(Severity.WARNING, false, "A null MX is published together with other MX records",
            "Remove the \"0 .\" MX record of {subject} or its other MX records: RFC 7505 §3 forbids mixing them."),
    IMPLICIT_MX(Severity.WARNING, false, "No MX records: mail goes to the domain's own address (implicit MX)",
            "Publish an MX record for {subject} naming the host that receives its mail, or a null MX (\"0 .\") if it receives none."),
    NO_MAIL_HOST(Severity.CRITICAL, false, "No MX records and no address records: the domain cannot receive mail",
            "Publish an MX record for {subject} pointing to a reachable mail server, or a null MX (\"0 .\") if it receives no mail."),
    MX_HOST_NO_ADDRESS(Severity.CRITICAL, true, "The MX host has no IPv4 or IPv6 address",
            "Publish A/AAAA records for {subject} or remove the MX record that names it; if its lookup failed or timed out, check the name servers of {subject} and the resolver the check uses."),
    MX_IS_IP_LITERAL(Severity.CRITICAL, true, "The MX record names an IP address instead of a host name: senders cannot deliver there",
            "Replace the MX target {subject} with a host name that has A/AAAA records (RFC 5321 §5.1 requires a domain name): senders look the target up as a host name, find no address and never connect to {subject}."),
    MX_IS_CNAME(Severity.WARNING, false, "The MX record names an alias (CNAME)",
            "Point the MX record at the canonical name instead of the alias {subject} (RFC 2181 §10.3, RFC 5321 §5.1)."),
    MX_DNSSEC_BOGUS(Severity.CRITICAL, false, "The domain's MX records fail DNSSEC validation (bogus)",
            "Repair DNSSEC for {subject} (re-sign the zone, renew expired RRSIGs, make the DS in the parent match a DNSKEY): validating resolvers answer SERVFAIL for its MX query, so senders behind them cannot find its mail hosts (RFC 4035 §5.5, RFC 7672 §2.2.1)."),
    MX_HOST_DNSSEC_BOGUS(Severity.CRITICAL, false, "The MX host's address records fail DNSSEC validation (bogus)",
            "Repair DNSSEC for the A/AAAA records of {subject} (re-sign its zone, renew expired RRSIGs, make the DS in the parent match a DNSKEY): senders behind validating resolvers cannot find its address and try the next MX or defer (RFC 4035 §5.5)."),

    // --- SMTP dialogue per address (RFC 5321) ---
    MX_UNREACHABLE(Severity.CRITICAL, true, "The MX address does not accept connections on the SMTP port",
            "Open the SMTP port on {subject} (firewall, MTA listening address), or take the address out of the DNS (its A/AAAA record, or the MX record naming the host)."),
    OUTBOUND_PORT25_BLOCKED_SUSPECTED(Severity.INFO, false, "Every connection timed out: the checking host's own outbound port 25 may be blocked",
            "Before chasing the MX hosts, check that the machine running the check may connect out to port 25 (many cloud providers block it by default)."),
    SMTP_TIMEOUT(Severity.CRITICAL, true, "The SMTP server stopped answering",
            "Check the load and the SMTP daemon on {subject}; a server that stalls delays every sender (also check tarpitting or greeting delays)."),
    SMTP_CONNECTION_LOST(Severity.CRITICAL, true, "The SMTP server closed or reset the connection during the dialogue",
            "Check the SMTP daemon's logs on {subject} for crashes, connection limits or a middlebox that cuts SMTP sessions."),
    SMTP_PROTOCOL_ERROR(Severity.CRITICAL, true, "The SMTP server's reply is not valid SMTP",
            "Check what really listens on {subject}: the reply does not follow RFC 5321 §4.2 (a proxy, a non-SMTP service or a broken MTA)."),
    GREETING_TEMPORARY_FAILURE(Severity.CRITICAL, true, "The server greets with a 4xx reply (421, 451): it refuses the session for now",
            "Find why {subject} refuses sessions (overload, maintenance, connection limits, blocklisting of the checking host)."),
    SESSION_TEMPORARY_FAILURE(Severity.CRITICAL, true, "The server answers 421 after the greeting and closes the session",
            "Find why {subject} closes the session (its log names the reason): at EHLO, the EHLO name the check sends (-e) or the checking host's reverse DNS (PTR) is a frequent trigger of a 421 or 550; otherwise overload, connection or rate limits."),
    GREETING_REJECTED(Severity.CRITICAL, true, "The server greets with 554: no SMTP service here",
            "Configure {subject} to accept SMTP sessions from the Internet or remove its MX record."),
    GREETING_UNEXPECTED(Severity.CRITICAL, true, "The server's greeting is not a 220 reply",
            "Check what listens on port 25 of {subject}; an SMTP server greets with 220 (RFC 5321 §4.3.2)."),
    BANNER_VERSION_LEAK(Severity.INFO, false, "The greeting discloses the MTA software version",
            "Set the greeting of {subject} to name the host only (e.g. Postfix smtpd_banner = $myhostname ESMTP)."),
    EHLO_REJECTED(Severity.WARNING, false, "EHLO is refused; only HELO works, so no ESMTP extensions and no STARTTLS",
            "Enable ESMTP on {subject}: without EHLO senders cannot use STARTTLS, SIZE or 8BITMIME."),
    HELO_REJECTED(Severity.CRITICAL, true, "Both EHLO and HELO are refused",
            "Check the HELO/EHLO restrictions of {subject}: it refuses the session before any mail can be offered; the EHLO name the check sends (-e) or the checking host's reverse DNS (PTR) is a frequent trigger of a 421 or 550 at EHLO."),

    // --- STARTTLS (RFC 3207) ---
    STARTTLS_NOT_OFFERED(Severity.WARNING, false, "STARTTLS is not offered: mail arrives in plain text",
            "Enable STARTTLS on {subject} with a certificate for its MX name (e.g. Postfix smtpd_tls_security_level = may)."),
    STARTTLS_REJECTED(Severity.WARNING, false, "STARTTLS is offered but the command is refused",
            "Fix the TLS configuration of {subject}: it advertises STARTTLS but refuses to start TLS (missing key or certificate?)."),
    TLS_HANDSHAKE_FAILED(Severity.CRITICAL, false, "The TLS handshake after STARTTLS failed",
            "Fix the TLS configuration of {subject} (certificate and key, protocols, ciphers); senders that require TLS cannot deliver."),
    AUTH_OFFERED_WITHOUT_TLS(Severity.WARNING, false, "AUTH is offered before TLS: passwords may cross the network in clear",
            "Offer AUTH on {subject} only after STARTTLS (e.g. Postfix smtpd_tls_auth_only = yes), or not at all on the MX port."),

    // --- Certificates (RFC 5280, RFC 6125) ---
    CERT_EXPIRED(Severity.CRITICAL, false, "A certificate of the chain has expired",
            "Renew the certificate of {subject} and reload the MTA."),
    CERT_NOT_YET_VALID(Severity.CRITICAL, false, "A certificate of the chain is not valid yet",
            "Check the clock of the issuer and of {subject}, or install a certificate that is already valid."),
    CERT_EXPIRES_SOON(Severity.WARNING, false, "A certificate of the chain expires soon",
            "Renew the certificate of {subject} before it expires and check that automatic renewal reloads the MTA."),
    CERT_NAME_MISMATCH(Severity.WARNING, false, "The certificate does not name the MX host",
            "Renew the certificate of {subject} with the MX name in the subject alternative names (SAN)."),
    CERT_NO_SAN(Severity.WARNING, false, "The certificate has no subject alternative name",
            "Reissue the certificate of {subject} with the MX name as a DNS name in the SAN extension (RFC 6125 §6.4.4)."),
    CERT_SELF_SIGNED(Severity.WARNING, false, "The certificate is self-signed",
            "Replace the self-signed certificate of {subject} with one issued by a public CA; for DANE senders alone it may stay, authenticated by DNSSEC-signed TLSA records (e.g. 3 1 1) of the host, and with --require-tls the domain's MX records must be DNSSEC-signed too (RFC 7672 §2.2.1)."),
    CERT_UNTRUSTED(Severity.WARNING, false, "The certificate chain does not lead to a trusted CA",
            "Install a certificate of {subject} issued by a publicly trusted CA, with its full chain."),
    CERT_CHAIN_INCOMPLETE(Severity.WARNING, false, "The server does not send the intermediate certificates",
            "Configure {subject} to send the full chain (leaf first, then the intermediates), e.g. the fullchain.pem file."),
    CERT_WEAK_KEY(Severity.WARNING, false, "A certificate of the chain has a weak key",
            "Reissue the certificate of {subject} with RSA of at least 2048 bits or ECDSA P-256 or stronger."),
    CERT_SHA1_SIGNATURE(Severity.WARNING, false, "A certificate of the chain is signed with SHA-1",
            "Reissue the certificate of {subject} with a SHA-256 (or stronger) signature."),

    // --- Open relay (RFC 5321 §3.6, RFC 2505 §2, RFC 3463) ---
    OPEN_RELAY(Severity.CRITICAL, false, "The server relays mail for outside senders to outside recipients",
            "Reject unauthenticated relay on {subject} (e.g. Postfix smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination)."),
    RELAY_TEST_INCONCLUSIVE(Severity.INFO, false, "The open-relay probe could not decide",
            "Run the relay probe again later (greylisting answers 4xx), or configure relay-test addresses whose domains have working MX."),
    MAIL_FROM_REJECTED(Severity.CRITICAL, true, "The server refuses MAIL FROM of senders without credentials: it takes no mail from the Internet",
            "Let {subject} accept mail for the domain from unauthenticated senders on port 25 (e.g. move the AUTH requirement of Postfix smtpd_sender_restrictions or smtpd_client_restrictions to the submission service on port 587), or take it out of the MX records."),

    // --- Mail for the domain (RFC 5321 §4.5.1) ---
    POSTMASTER_REJECTED(Severity.CRITICAL, true, "The server refuses mail for postmaster@ the domain: it does not take mail for the domain",
            "Configure {subject} to accept mail for the domain (e.g. Postfix relay_domains or virtual_mailbox_domains, and the domain's postmaster address, RFC 5321 §4.5.1), or take it out of the domain's MX records if it was never meant to receive its mail."),
    POSTMASTER_TEST_INCONCLUSIVE(Severity.INFO, false, "The postmaster probe could not decide whether the server takes mail for the domain",
            "Run the check again later (a 4xx reply is often greylisting or a rate limit); if it persists, look in the log of {subject} for why RCPT TO:<postmaster@...> is deferred."),

    // --- Timing thresholds (Monitoring Plugins range syntax) ---
    SLOW_RESPONSE(Severity.WARNING, false, "A response time is outside its threshold range",
            "Check the load, greeting delay (postscreen, tarpitting) and network path of {subject}."),

    // --- Transport-security policies: MTA-STS (RFC 8461), TLS-RPT (RFC 8460) ---
    MTA_STS_ABSENT(Severity.INFO, false, "The domain publishes no MTA-STS policy",
            "Consider MTA-STS for {subject} (RFC 8461): publish a policy at https://mta-sts.{subject}/.well-known/mta-sts.txt and a TXT record \"v=STSv1; id=...\" at _mta-sts.{subject}, starting in testing mode."),
    MTA_STS_LOOKUP_FAILED(Severity.WARNING, false, "The MTA-STS TXT record could not be looked up",
            "Check the name servers of {subject}: the TXT query for _mta-sts.{subject} failed, so senders cannot tell whether an MTA-STS policy exists."),
    MTA_STS_RECORD_INVALID(Severity.WARNING, false, "The MTA-STS TXT record is malformed: senders ignore it",
            "Publish at _mta-sts.{subject} exactly \"v=STSv1; id=<1 to 32 letters or digits>;\" (RFC 8461 §3.1)."),
    MTA_STS_RECORD_MULTIPLE(Severity.WARNING, false, "Several MTA-STS TXT records: senders ignore them all",
            "Keep exactly one TXT record beginning with v=STSv1 at _mta-sts.{subject} (RFC 8461 §3.1)."),
    MTA_STS_POLICY_UNREACHABLE(Severity.WARNING, false, "The MTA-STS policy cannot be fetched",
            "Serve the policy of {subject} at https://mta-sts.{subject}/.well-known/mta-sts.txt with status 200 and no redirect, or remove the _mta-sts TXT record."),
    MTA_STS_POLICY_HOST_CERT_INVALID(Severity.WARNING, false, "The certificate of the MTA-STS policy host is not valid",
            "Install a certificate for mta-sts.{subject} from a publicly trusted CA, unexpired and naming that host, with its full chain."),
    MTA_STS_POLICY_INVALID(Severity.WARNING, false, "The MTA-STS policy file is malformed: senders ignore it",
            "Fix the policy file of {subject}: text/plain, lines \"version: STSv1\", \"mode: enforce|testing|none\", \"mx: <pattern>\" (one per MX) and \"max_age: <seconds>\" (RFC 8461 §3.2)."),
    MTA_STS_MX_NOT_COVERED(Severity.CRITICAL, false, "An MX host is not listed in the MTA-STS policy",
            "Add an mx line matching {subject} to the MTA-STS policy (and change the id of the TXT record), or remove the MX record."),
    MTA_STS_MX_NOT_SECURE(Severity.CRITICAL, false, "An MX host fails MTA-STS validation: no STARTTLS or no valid certificate for its name",
            "Offer STARTTLS on {subject} with a certificate from a publicly trusted CA, unexpired, with the MX name in its subject alternative names."),
    MTA_STS_MODE_TESTING(Severity.INFO, false, "The MTA-STS policy is in testing mode: failures are reported, not enforced",
            "When TLS-RPT reports for {subject} show no failures, switch the policy to mode: enforce and change the id of the TXT record."),
    MTA_STS_MODE_NONE(Severity.INFO, false, "The MTA-STS policy is in mode none: senders apply no policy",
            "Nothing to do if MTA-STS for {subject} is being withdrawn (RFC 8461 §8.3); otherwise set mode: testing or enforce."),
    MTA_STS_MAX_AGE_SHORT(Severity.INFO, false, "The MTA-STS policy's max_age is under one day",
            "Raise max_age in the MTA-STS policy of {subject} to weeks (e.g. 604800 s, one week, or up to 31557600 s) and change the id of the TXT record: a short max_age leaves senders without a cached policy whenever an attacker can block the policy fetch (RFC 8461 §3.2, §10.2)."),
    TLSRPT_ABSENT(Severity.INFO, false, "The domain publishes no TLS-RPT record",
            "Consider publishing \"v=TLSRPTv1; rua=mailto:<address>\" at _smtp._tls.{subject} (RFC 8460) to receive reports of failed TLS deliveries."),
    TLSRPT_LOOKUP_FAILED(Severity.WARNING, false, "The TLS-RPT TXT record could not be looked up",
            "Check the name servers of {subject}: the TXT query for _smtp._tls.{subject} failed."),
    TLSRPT_INVALID(Severity.WARNING, false, "The TLS-RPT record is malformed: senders send no reports",
            "Publish at _smtp._tls.{subject} \"v=TLSRPTv1; rua=<mailto: or https: URI>[,<URI>]\" (RFC 8460 §3)."),
    TLSRPT_RECORD_MULTIPLE(Severity.WARNING, false, "Several TLS-RPT records: senders ignore them all",
            "Keep exactly one TXT record beginning with v=TLSRPTv1 at _smtp._tls.{subject}; list several rua URIs in it, separated by commas."),

    // --- DANE for SMTP (RFC 7672, RFC 6698) ---
    DANE_TLSA_MISMATCH(Severity.CRITICAL, false, "No TLSA record matches the certificate chain the MX presents",
            "Publish a TLSA record for the key {subject} presents (e.g. \"3 1 1\" with the SHA-256 of its SubjectPublicKeyInfo), or install the certificate its TLSA records name; DANE senders do not deliver until one matches (RFC 7672 §3)."),
    DANE_STARTTLS_MISSING(Severity.CRITICAL, false, "TLSA records are published, but the MX does not negotiate STARTTLS",
            "Enable STARTTLS on {subject} with the key its TLSA records name, or withdraw the TLSA records: DANE senders require TLS and never deliver in plain text (RFC 7672 §2.2)."),
    DANE_TLSA_BOGUS(Severity.CRITICAL, false, "The TLSA records or the MX host's address records fail DNSSEC validation (bogus)",
            "Repair DNSSEC for {subject} (expired or missing RRSIG, DS in the parent that matches no DNSKEY); validating senders cannot trust the answer and defer mail for the MX host (RFC 7672 §2.2)."),
    DANE_LOOKUP_FAILED(Severity.WARNING, false, "The TLSA lookup got no usable answer",
            "Check that the name servers of {subject} answer TLSA queries (some broken servers time out or answer SERVFAIL for unknown types), and the resolver the check uses: it must return DNSSEC records (-s a recursive resolver, not an authoritative-only server), or give the zone's anchor with --trust-anchor, or trust a validating resolver with --dnssec-trust-ad; DANE senders defer mail while the lookup fails (RFC 7672 §2.2)."),
    DANE_NO_USABLE_TLSA(Severity.WARNING, false, "TLSA records are published, but none is usable for SMTP",
            "Publish a DANE-EE(3) or DANE-TA(2) record with selector 0 or 1 and matching type 0, 1 or 2 for {subject} (e.g. \"3 1 1\"); with no usable record, DANE senders encrypt but do not authenticate the server (RFC 7672 §2.2, §3.1.3)."),
    DANE_UNUSABLE_USAGE(Severity.WARNING, false, "TLSA records with usage PKIX-TA(0) or PKIX-EE(1), which SMTP does not use",
            "Replace the usage 0 and 1 TLSA records of {subject} with DANE-EE(3) (e.g. \"3 1 1\") or DANE-TA(2) records: SMTP clients treat PKIX usages as unusable (RFC 7672 §3.1.3)."),
    DANE_TLSA_UNSIGNED(Severity.WARNING, false, "TLSA records are published without DNSSEC: senders ignore them",
            "Sign the zone of {subject} (and its address records) with DNSSEC and publish the DS in the parent zone, or withdraw the TLSA records: TLSA records that are not DNSSEC-secure protect nothing (RFC 7672 §2.1, §2.2.2)."),
    DANE_NO_ROLLOVER(Severity.INFO, false, "All TLSA records name one key: none is ready for the next key",
            "Before replacing the key or certificate of {subject}, publish a TLSA record for the next key (or a DANE-TA record for the issuing CA) beside the current one and wait for its TTL to pass (RFC 7671 §8.1)."),

    // --- Deeper diagnostics: relay variants, STARTTLS injection, extensions ---
    RELAY_VARIANT_ACCEPTED(Severity.CRITICAL, false, "The server accepts a relay-test address form: it may relay through it",
            "Make {subject} reject every recipient outside its own domains whatever the address form (percent hack, quoted or double @, source route, bang path, trusted-looking sender); e.g. Postfix: allow_percent_hack = no, swap_bangpath = no, and smtpd_relay_restrictions ending in reject_unauth_destination."),
    STARTTLS_COMMAND_INJECTION(Severity.CRITICAL, false, "Commands sent before the TLS handshake are run inside TLS (CVE-2011-0411)",
            "Update the MTA on {subject} (or the TLS proxy in front of it) to a version that discards input buffered before the TLS handshake (RFC 3207 §4.2; CVE-2011-0411 and its kin)."),
    SIZE_LIMIT_SMALL(Severity.WARNING, false, "The announced SIZE limit refuses ordinary mail",
            "Raise the message size limit of {subject} (RFC 1870 SIZE; e.g. Postfix message_size_limit) to at least 10 MB, so that mail with attachments is not refused."),
    EIGHTBITMIME_NOT_OFFERED(Severity.INFO, false, "8BITMIME is not offered: senders must re-encode 8-bit mail",
            "Offer 8BITMIME on {subject} (RFC 6152); every current MTA supports it (Postfix: do not list it in smtpd_discard_ehlo_keywords)."),
    DIAGNOSTIC_INCOMPLETE(Severity.INFO, false, "A diagnostic that was asked for did not run in full or could not decide",
            "Raise the time limit (-t; the Jenkins step's timeout) so that the diagnostics asked for at {subject} can finish (the TLS version scan needs about seven extra connections per address); if time was not the reason, see the message and the transcript (-vvv)."),

    // --- Deeper diagnostics: TLS protocol versions, reverse DNS, IPv4/IPv6 parity ---
    TLS_LEGACY_VERSION_ACCEPTED(Severity.WARNING, false, "The server still accepts TLS 1.0 or TLS 1.1",
            "Disable TLS 1.0 and 1.1 on {subject} (RFC 8996), e.g. Postfix smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = >=TLSv1.2."),
    TLS_1_2_NOT_ACCEPTED(Severity.WARNING, false, "The server does not accept TLS 1.2",
            "Enable TLS 1.2 on {subject} (RFC 9325 §3.1.1): senders that do not speak TLS 1.3 fall back to plain text or give up."),
    TLS_1_3_NOT_ACCEPTED(Severity.INFO, false, "The server does not accept TLS 1.3",
            "Enable TLS 1.3 on {subject} (RFC 9325 §3.1.1 recommends it): an OpenSSL 1.1.1 or later behind the MTA offers it unless the configuration excludes it."),
    TLS_WEAK_DH_GROUP(Severity.WARNING, false, "The server uses a finite-field Diffie-Hellman group under 2048 bits",
            "Give {subject} a Diffie-Hellman group of at least 2048 bits (RFC 7919 ffdhe2048 or larger; Postfix: remove a 1024-bit smtpd_tls_dh1024_param_file), or prefer ECDHE suites."),
    TLS_WEAK_CIPHER_ACCEPTED(Severity.WARNING, false, "The server accepts an export, NULL, RC4 or 3DES cipher suite",
            "Remove export, NULL, RC4 (RFC 7465) and 3DES suites from the cipher list of {subject} (RFC 9325 §4.1), e.g. Postfix smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, RC4, 3DES."),
    REQUIRETLS_UNAVAILABLE(Severity.INFO, false, "A sender could not deliver a REQUIRETLS message to the domain",
            "To accept REQUIRETLS mail (RFC 8689) at {subject}, advertise REQUIRETLS after STARTTLS on every MX host and let senders authenticate them: DNSSEC-signed MX records with DANE TLSA records (RFC 7672), or an MTA-STS policy in enforce mode (RFC 8461)."),
    PROBES_DISAGREE(Severity.WARNING, false, "Sessions to one MX address answered differently",
            "Align every server behind {subject} (a load balancer's pool, or the nodes of an anycast address): the same STARTTLS setting, certificate and greeting host name on each, and all of them in service; senders meet whichever node answers."),
    TLS_PQ_HYBRID_NOT_ACCEPTED(Severity.INFO, false, "The server does not accept the hybrid post-quantum key exchange X25519MLKEM768",
            "Offer the hybrid group X25519MLKEM768 on {subject} so that recorded mail cannot be decrypted later by a quantum computer: OpenSSL 3.5 or later offers it by default (Postfix: tls_eecdh_auto_curves, or leave the OpenSSL default groups)."),
    RDNS_MISSING(Severity.INFO, false, "The MX address has no reverse DNS (PTR record)",
            "Ask whoever holds the address block of {subject} (the hosting or access provider) to publish a PTR record naming the MX host."),
    RDNS_NOT_FORWARD_CONFIRMED(Severity.INFO, false, "The PTR name of the MX address does not resolve back to it",
            "Publish an A/AAAA record for the PTR name of {subject} that contains the address, or change the PTR record to a name that does (forward-confirmed reverse DNS)."),
    RDNS_MX_NAME_MISMATCH(Severity.INFO, false, "The reverse DNS name of the MX address is not the MX host name",
            "Nothing to do if intended; otherwise make the PTR record of {subject} name the MX host, so that reverse and forward DNS tell the same story."),
    RDNS_GREETING_MISMATCH(Severity.INFO, false, "The host name in the greeting does not match the reverse DNS of the address",
            "Make the greeting host name of {subject} (Postfix myhostname) the forward-confirmed PTR name of its address, or change the PTR record: receivers compare the two when this host sends mail."),
    RDNS_LOOKUP_FAILED(Severity.INFO, false, "The reverse DNS lookup of the MX address failed",
            "Check the name servers of the reverse zone of {subject} (in-addr.arpa or ip6.arpa): the PTR query got SERVFAIL, a timeout or another error."),
    MX_FAMILY_REACHABILITY_DIFFERS(Severity.WARNING, false, "The MX host takes mail over one address family but not over the other",
            "Make {subject} take mail over IPv4 and IPv6 alike (listening address, firewall, routing), or remove the A/AAAA record of the family that does not work."),
    MX_FAMILY_CERTIFICATE_DIFFERS(Severity.WARNING, false, "The MX host presents different certificates over IPv4 and IPv6",
            "Install the same certificate for {subject} on its IPv4 and IPv6 addresses; a difference usually means one address leads to another, forgotten server."),
    MX_FAMILY_GREETING_DIFFERS(Severity.INFO, false, "The MX host greets with different host names over IPv4 and IPv6",
            "Check that the IPv4 and IPv6 addresses of {subject} lead to the servers you mean; give them the same greeting host name if they are one service."),
    DNSBL_LISTED(Severity.WARNING, false, "The MX address is listed in a DNS blocklist",
            "Find out from the list's reason why {subject} is listed (a compromised host, spam sent from it, an address range that should not send mail), fix the cause, then ask the list for removal: receivers that use the list refuse mail this host sends."),
    DNSBL_UNCHECKED(Severity.INFO, false, "A DNS blocklist could not say whether the MX address is listed",
            "Look {subject} up again through a resolver of your own (-s): the list refused the query (many lists refuse public resolvers or rate-limit them), the resolver rewrote the answer, or no answer came in time."),
    NO_IPV6_MX(Severity.INFO, false, "No MX host of the domain takes mail over IPv6",
            "Nothing to do if intended; to take mail from IPv6-only senders, give an MX host of {subject} an AAAA record on which it takes mail."),


    // --- The check itself ---
    INTERNAL_ERROR(Severity.UNKNOWN, false, "The check could not examine this part (internal error)",
            "Run the check again with -vvv and report the error with its output; the state of {subject} is unknown.");

    private final Severity defaultSeverity;
    private final boolean reachability;
    private final String title;
    private final String remediationTemplate;

    FindingCode(Severity defaultSeverity, boolean reachability, String title, String remediationTemplate) {
        this.defaultSeverity = defaultSeverity;
        this.reachability = reachability;
        this.title = title;
        this.remediationTemplate = remediationTemplate;
    }

    /**
     * The severity a finding of this code has in the common case: no policy invites verifying senders (no MTA-STS
     * policy in enforce or testing mode, no DNSSEC-secure TLSA records) and no {@code --require-tls}. Producers may
     * set another one, and codes whose severity is graded by delivery or by a threshold earn theirs at run time
     * ({@code core.delivery.SenderImpact} says which).
     */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /**
     * True for codes meaning "this MX address cannot take mail". The verdict lowers them to WARNING
     * while another address of the domain works.
     */
    public boolean reachability() {
        return reachability;
    }

    /** A one-line, subject-free description, e.g. for documentation indexes. */
    public String title() {
        return title;
    }

    /** The corrective action for {@code subject}, e.g. "Open the SMTP port on mx2.example.com [192.0.2.2]:25 ..." */
    public String remediation(String subject) {
        return remediationTemplate.replace("{subject}", subject);
    }
}
