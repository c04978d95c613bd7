package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders a {@link CheckReport} as plugin output: pure, no I/O, the same text for the same report in every
 * locale. Follows the Monitoring Plugins Development Guidelines ("Plugin Output", "Performance data",
 * "Verbose output"):
 *
 * <ul>
 * <li>status line {@code SMTP MX <STATE> - <summary> | mx_total=N;;;0 mx_reachable=N;;;0;N}: the summary is the
 *     report's ({@link CheckReport#summary()}, written by the core's verdict), made safe and capped at
 *     {@value #MAX_SUMMARY} characters because old NRPE versions keep only the first 1 KiB;</li>
 * <li>at every verbosity the long output begins with one line per MX address ({@link AddressSummary}):
 *     {@code mx1.example.test [192.0.2.1]:25 MX 10: connects 0.012 s, STARTTLS TLSv1.3, certificate valid 80 d,
 *     relay refused};</li>
 * <li>then one line per WARNING, CRITICAL or UNKNOWN finding, worst first:
 *     {@code [CRITICAL] CERT_EXPIRED mx1.example.test [192.0.2.1]:25: <message> — fix: <remediation>}; the INFO
 *     findings as one line of their codes ({@code notes: NO_IPV6_MX, TLSRPT_ABSENT (-v for details)});</li>
 * <li>{@code -v}: every INFO finding in full, the MTA-STS, TLS-RPT and DANE lines and one detail line per MX address
 *     with what each stage saw; {@code -vv}: EHLO keywords and the certificate chain; {@code -vvv}: the SMTP
 *     transcript;</li>
 * <li>long output bounded to about {@value #MAX_LONG_OUTPUT_BYTES} bytes, with "... N more findings";</li>
 * <li>perfdata on a last line. {@link PerfdataMode#COMPACT} (the default): per address
 *     {@code <host>_<address>_time_total} in seconds (3 decimals) and {@code _cert_days}, the earliest expiry of the
 *     validated chain (whole days, negative once expired), and per MX host whose DANE check ran
 *     {@code <host>_tlsa_records}; {@link PerfdataMode#FULL} ({@code --perfdata full} or {@code -v}) adds
 *     {@code _time_connect}, {@code _time_greeting} and {@code _time_tls}; the compact set has {@code _time_greeting}
 *     too when a greeting-time range is given, {@code _time_connect} when a connect-time range is, with the ranges.
 *     {@code U} when not measured. The labels are the same in every state.</li>
 * </ul>
 *
 * <p>Text from the network (banners, replies, certificate names) is made safe: control characters become
 * spaces and {@code |}, which would start perfdata, becomes {@code /}.
 */
public final class NagiosOutput {

    /** Longest summary in the status line, in characters. */
    public static final int MAX_SUMMARY = 200;

    /** Budget of the long output (without the perfdata line), in UTF-8 bytes; NRPE v3/v4 keep 64 KiB. */
    public static final int MAX_LONG_OUTPUT_BYTES = 8 * 1024;

    /** Longest single long-output line, in characters. */
    public static final int MAX_LINE = 1000;

    /** Longest transcript shown at {@code -vvv}, in lines per address. */
    public static final int MAX_TRANSCRIPT_LINES = 60;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private NagiosOutput() {}

    /** Which perfdata the plugin prints. */
    public enum PerfdataMode {
        /**
         * The default: the domain's counts, per address {@code _time_total} and {@code _cert_days}, per MX host
         * {@code _tlsa_records}; small enough that 12 MX hosts stay within Nagios Core's 8 KiB of plugin output.
         */
        COMPACT,
        /** Also per address {@code _time_connect}, {@code _time_greeting} and {@code _time_tls}. */
        FULL
    }

    /**
     * Renders with the default thresholds of {@link CheckOptions#defaults()} in the perfdata, compact unless
     * {@code verbosity} is 1 or more.
     *
     * @param report the check result
     * @param verbosity number of {@code -v}, 0 to 3 (larger counts as 3)
     */
    public static PluginOutput render(CheckReport report, int verbosity) {
        return render(report, CheckOptions.defaults(), verbosity, PerfdataMode.COMPACT);
    }

    /**
     * Renders {@code report}; the warn and crit fields of the perfdata come from {@code options}
     * (certificate days as {@code N:} ranges, time ranges as given).
     *
     * @param report the check result
     * @param options the options the check ran with (only the thresholds are used)
     * @param verbosity number of {@code -v}, 0 to 3 (larger counts as 3); 1 or more gives the full perfdata
     * @param perfdata compact or full perfdata at verbosity 0
     */
    public static PluginOutput render(CheckReport report, CheckOptions options, int verbosity, PerfdataMode perfdata) {
        List<Finding> findings = new ArrayList<>(report.findings());
        // Worst first, as the verdict ranks states: CRITICAL > WARNING > UNKNOWN > OK (INFO).
        findings.sort(Comparator.comparingInt((Finding f) -> -State.rank(f.severity().state())));

        List<String> findingLines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Finding f : findings) {
            if (verbosity == 0 && f.severity() == Severity.INFO) {
                if (!notes.contains(f.code().name())) {
                    notes.add(f.code().name());
                }
            } else {
                findingLines.add(findingLine(f));
            }
        }
        if (!notes.isEmpty()) {
            findingLines.add(notesLine(notes));
        }
        List<String> addressLines = AddressSummary.lines(report).stream().map(NagiosOutput::line).toList();
        List<String> detailLines = verbosity >= 1 ? details(report, Math.min(verbosity, 3)) : List.of();
        boolean full = perfdata == PerfdataMode.FULL || verbosity >= 1;

        return new PluginOutput(report.state(), summary(report), headPerfdata(report),
                bound(addressLines, findingLines, detailLines), addressPerfdata(report, options, full));
    }

    /**
     * The INFO findings at verbosity 0, one line: {@code notes: NO_IPV6_MX, TLSRPT_ABSENT (-v for details)}.
     *
     * @param codes the codes, each once, in the order of the findings
     */
    static String notesLine(List<String> codes) {
        return line("notes: " + String.join(", ", codes) + " (-v for details)");
    }

    /**
     * The finding as one long-output line:
     * {@code [SEVERITY] CODE subject: message — fix: remediation}.
     */
    public static String findingLine(Finding f) {
        return clip(safe("[" + f.severity().name() + "] " + f.code().name() + " " + f.subject() + ": " + f.message()
                + " — fix: " + f.remediation()), MAX_LINE);
    }

    /**
     * The status-line summary: {@link CheckReport#summary()}, as the core's verdict wrote it, made safe and capped
     * at {@value #MAX_SUMMARY} characters.
     *
     * @throws NullPointerException when the report has no summary (every report of the core has one)
     */
    static String summary(CheckReport report) {
        return clip(safe(Objects.requireNonNull(report.summary(), "summary")), MAX_SUMMARY);
    }

    /** Number of MX hosts with at least one address that accepts SMTP sessions. */
    static int reachable(CheckReport report) {
        int n = 0;
        for (MxReport mx : report.mx()) {
            if (mx.addresses().stream().anyMatch(AddressReport::acceptsSessions)) {
                n++;
            }
        }
        return n;
    }

    private static String headPerfdata(CheckReport report) {
        String total = Integer.toString(report.mx().size());
        String head = Perfdata.entry("mx_total", total, null, null, "0", null) + " "
                + Perfdata.entry("mx_reachable", Integer.toString(reachable(report)), null, null, "0", total);
        MtaStsFacts sts = report.mtaSts();
        if (sts != null && !sts.records().isEmpty()) {
            // RFC 8461 §3.2: max_age in seconds, at most 31557600; U when the domain publishes an _mta-sts record
            // but no valid policy was found. A domain without MTA-STS gets no value: there is nothing to graph.
            head += " " + Perfdata.entry("mta_sts_max_age",
                    sts.maxAgeSeconds() == null ? Perfdata.UNKNOWN_VALUE : sts.maxAgeSeconds() + "s", null, null, "0",
                    "31557600");
        }
        return head;
    }

    /** The perfdata range that alerts on one listing or more: outside 0..0. */
    private static final Range ANY_LISTING = Range.parse("0");

    private static List<String> addressPerfdata(CheckReport report, CheckOptions options, boolean full) {
        // A threshold given as a share of the lifetime has no place among days: its field stays empty.
        Range certWarn = options.certPercent().warning() != null ? null
                : new Range(options.certWarningDays(), Double.POSITIVE_INFINITY, false, null);
        Range certCrit = options.certPercent().critical() != null ? null
                : new Range(options.certCriticalDays(), Double.POSITIVE_INFINITY, false, null);
        // A time judged by a range is graphed with it, compact or not: the value that raised the alert.
        boolean connect = full || options.smtpDiagnostics().connectTimeWarning() != null
                || options.smtpDiagnostics().connectTimeCritical() != null;
        boolean greeting = full || options.greetingTimeWarning() != null || options.greetingTimeCritical() != null;
        List<String> out = new ArrayList<>();
        for (MxReport mx : report.mx()) {
            for (AddressReport a : mx.addresses()) {
                String prefix = mx.host() + "_" + a.address() + "_";
                TlsFacts tls = a.tlsSession().orElse(null);
                if (connect) {
                    out.add(Perfdata.entry(prefix + "time_connect", Perfdata.seconds(a.connect().seen().orElse(null)),
                            options.smtpDiagnostics().connectTimeWarning(),
                            options.smtpDiagnostics().connectTimeCritical(), "0", null));
                }
                if (greeting) {
                    out.add(Perfdata.entry(prefix + "time_greeting",
                            Perfdata.seconds(a.greeting().seen().map(Greeting::millis).orElse(null)),
                            options.greetingTimeWarning(), options.greetingTimeCritical(), "0", null));
                }
                if (full) {
                    out.add(Perfdata.entry(prefix + "time_tls",
                            Perfdata.seconds(tls == null ? null : tls.handshakeMillis()), null, null, "0", null));
                }
                out.add(Perfdata.entry(prefix + "time_total", Perfdata.seconds(a.totalMillis()),
                        options.smtpDiagnostics().totalTimeWarning(), options.smtpDiagnostics().totalTimeCritical(),
                        "0", null));
                Long days = tls == null ? null : AddressSummary.certificateDays(tls);
                out.add(Perfdata.entry(prefix + "cert_days", days == null ? Perfdata.UNKNOWN_VALUE : days.toString(),
                        certWarn, certCrit, null, null));
                a.dnsbl().seen().ifPresent(lists -> {
                    // DNSBL (RFC 5782): how many of the lists asked list the address; any listing alerts.
                    out.add(Perfdata.entry(prefix + "dnsbl_listings", Integer.toString(lists.listings()),
                            options.dnsbl().listedCritical() ? null : ANY_LISTING,
                            options.dnsbl().listedCritical() ? ANY_LISTING : null, "0",
                            Integer.toString(lists.results().size())));
                });
            }
            if (mx.dane() != null) {
                // DANE (RFC 7672): how many TLSA records the host publishes, whatever their DNSSEC status.
                out.add(Perfdata.entry(mx.host() + "_tlsa_records", Integer.toString(mx.dane().records().size()), null,
                        null, "0", null));
            }
        }
        return out;
    }

    private static CertificateFacts leaf(TlsFacts tls) {
        if (tls == null || tls.chain().isEmpty()) {
            return null;
        }
        return tls.chain().stream().filter(c -> c.position() == 0).findFirst().orElse(tls.chain().get(0));
    }

    /** The {@code -v} lines of the domain's MTA-STS and TLS-RPT, when they were checked. */
    static List<String> policyLines(CheckReport report) {
        List<String> lines = new ArrayList<>();
        MtaStsFacts sts = report.mtaSts();
        if (sts != null) {
            String text;
            if (sts.id() == null) {
                text = sts.records().isEmpty() ? "no record" : sts.records().size() + " record(s), none usable";
            } else if (sts.mode() == null) {
                text = "id " + sts.id() + ", no usable policy at " + sts.policyUrl();
            } else {
                text = "id " + sts.id() + ", mode " + sts.mode() + ", mx " + String.join(" ", sts.mx()) + ", max_age "
                        + sts.maxAgeSeconds() + " s";
            }
            lines.add(line("MTA-STS: " + text));
        }
        TlsRptFacts rpt = report.tlsRpt();
        if (rpt != null) {
            lines.add(line("TLS-RPT: " + (rpt.rua().isEmpty()
                    ? (rpt.records().isEmpty() ? "no record" : rpt.records().size() + " record(s), none usable")
                    : "rua " + String.join(", ", rpt.rua()))));
        }
        return lines;
    }

    private static List<String> details(CheckReport report, int verbosity) {
        List<String> lines = new ArrayList<>(policyLines(report));
        for (MxReport mx : report.mx()) {
            boolean host = report.mxSource() == MxSource.HOST;  // -H: no MX record, so no preference to show
            String mxLabel = host ? mx.host() : mx.host() + " (MX " + mx.preference() + ")";
            if (!mx.cnameChain().isEmpty()) {
                mxLabel += " via CNAME " + String.join(" -> ", mx.cnameChain());
            }
            if (mx.addresses().isEmpty()) {
                continue;  // the address summary says "no usable address" at every verbosity
            }
            String dane = daneLine(mx);
            if (dane != null) {
                lines.add(line(dane));
            }
            for (AddressReport a : mx.addresses()) {
                lines.add(line(addressLine(mx, a, host)));
                if (verbosity >= 2) {
                    addVerbose(lines, a);
                }
                if (verbosity >= 3 && !a.transcript().isEmpty()) {
                    lines.add("  transcript:");
                    int n = 0;
                    for (String t : a.transcript()) {
                        if (n++ == MAX_TRANSCRIPT_LINES) {
                            lines.add("    ... " + (a.transcript().size() - MAX_TRANSCRIPT_LINES) + " more transcript lines");
                            break;
                        }
                        lines.add(line("    " + t));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * The {@code -v} DANE line of one MX host (RFC 7672), or null when DANE was not checked or the host publishes
     * no TLSA records: "mx1.example.com DANE: 2 TLSA records at _25._tcp.mx1.example.com (DNSSEC SECURE):
     * 3 1 1 ab12…, 3 1 1 cd34…; [192.0.2.1] matched 3 1 1 ab12… (chain[0])".
     */
    static String daneLine(MxReport mx) {
        DaneReport dane = mx.dane();
        if (dane == null || dane.records().isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(mx.host()).append(" DANE: ").append(dane.records().size())
                .append(dane.records().size() == 1 ? " TLSA record" : " TLSA records").append(" at ")
                .append(dane.tlsaName()).append(" (DNSSEC ").append(dane.dnssec()).append("): ");
        sb.append(String.join(", ", dane.records().stream().map(NagiosOutput::shortTlsa).toList()));
        for (DaneAddress a : dane.addresses()) {
            sb.append("; [").append(a.address()).append("] ");
            if (a.matched() != null) {
                sb.append("matched ").append(shortTlsa(a.matched())).append(" (chain[").append(a.chainPosition()).append("])");
            } else if (a.result() == DaneAddress.Result.NO_TLS) {
                sb.append("no TLS");
            } else if (a.result() == DaneAddress.Result.NOT_COMPARED) {
                sb.append("not compared");
            } else {
                sb.append("no match");
            }
        }
        return sb.toString();
    }

    private static String shortTlsa(String text) {
        return text.length() > 22 ? text.substring(0, 22) + "…" : text;
    }

    /** The {@code -v} line of one address: what each stage saw, or where it stopped. */
    static String addressLine(MxReport mx, AddressReport a, boolean directHost) {
        StringBuilder sb = new StringBuilder();
        sb.append(mx.host()).append(" [").append(a.address()).append("]:").append(a.port());
        if (!directHost) {
            sb.append(" (MX ").append(mx.preference()).append(")");
        }
        sb.append(":");
        List<String> parts = new ArrayList<>();
        Long connectMillis = a.connect().seen().orElse(null);
        Greeting greeting = a.greeting().seen().orElse(null);
        Ehlo ehlo = a.ehlo().seen().orElse(null);
        TlsVersionScan tlsVersions = a.tlsVersions().seen().orElse(null);
        RelayFacts relay = a.relay().seen().orElse(null);
        StartTlsInjectionFacts injection = a.starttlsInjection().seen().orElse(null);
        if (connectMillis != null) {
            parts.add("connect " + Perfdata.secondsNumber(connectMillis) + " s");
        }
        if (greeting != null) {
            parts.add("greeting " + Perfdata.secondsNumber(greeting.millis()) + " s \"" + greeting.reply().summary() + "\"");
        }
        if (ehlo != null) {
            String p = ehlo.command() + " " + ehlo.reply().code();
            if (ehlo.has("STARTTLS")) {
                p += " STARTTLS offered";
            }
            parts.add(p);
        }
        TlsFacts tls = a.tlsSession().orElse(null);
        if (tls != null) {
            StringBuilder t = new StringBuilder(tls.protocol()).append(' ').append(tls.cipherSuite())
                    .append(' ').append(Perfdata.secondsNumber(tls.handshakeMillis())).append(" s, ")
                    .append(tls.trust().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append(tls.nameMatches() ? ", name matches" : ", name mismatch");
            CertificateFacts leaf = leaf(tls);
            if (leaf != null) {
                t.append(leaf.daysLeft() < 0 ? ", leaf expired " : ", leaf expires ").append(date(leaf.notAfter()))
                        .append(leaf.daysLeft() < 0 ? "" : " (" + leaf.daysLeft() + " days)");
            }
            parts.add(t.toString());
        }
        if (tlsVersions != null) {
            List<String> accepted = tlsVersions.accepted().stream().map(v -> v.equals("TLSv1") ? "1.0"
                    : v.replace("TLSv", "")).toList();
            parts.add("TLS versions accepted: " + (accepted.isEmpty() ? "none" : String.join(" ", accepted))
                    + (tlsVersions.dhPrimeBits() == null ? "" : ", DHE " + tlsVersions.dhPrimeBits() + " bits"));
        }
        if (a.reverseDns().seen().isPresent()) {
            ReverseDns r = a.reverseDns().seen().get();
            parts.add(r.problem() != null ? "PTR lookup failed" : r.ptrNames().isEmpty() ? "no PTR"
                    : "PTR " + String.join(" ", r.ptrNames()) + (r.forwardConfirmed() ? " (forward-confirmed)"
                            : " (not forward-confirmed)"));
        }
        if (relay != null) {
            String r = "relay " + relay.verdict().name().toLowerCase(Locale.ROOT);
            if (relay.rcptReply() != null) {
                r += " (" + relay.rcptReply().summary() + ")";
            } else if (relay.mailReply() != null) {
                r += " (" + relay.mailReply().summary() + ")";
            }
            parts.add(r);
        }
        if (relay != null && relay.variants() != null) {
            long accepted = relay.variants().stream().filter(v -> v.accepted()).count();
            parts.add("relay variants " + accepted + " of " + relay.variants().size() + " accepted");
        }
        if (injection != null) {
            parts.add("STARTTLS injection " + injection.verdict().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' '));
        }
        a.failure().filter(f -> f.stage() != null)
                .ifPresent(f -> parts.add("failed at " + f.stage().name() + ": " + f.detail()));
        parts.add("total " + Perfdata.secondsNumber(a.totalMillis()) + " s");
        sb.append(' ').append(String.join(", ", parts));
        return sb.toString();
    }

    private static void addVerbose(List<String> lines, AddressReport a) {
        Ehlo ehlo = a.ehlo().seen().orElse(null);
        RelayFacts relay = a.relay().seen().orElse(null);
        StartTlsInjectionFacts injection = a.starttlsInjection().seen().orElse(null);
        Ehlo ehloAfterTls = a.ehloAfterTls().seen().orElse(null);
        EsmtpExtensions extensions = a.extensions().seen().orElse(null);
        if (ehlo != null) {
            lines.add(line("  " + ehlo.command() + " keywords: " + keywords(ehlo)));
        }
        if (extensions != null) {
            lines.add(line("  extensions" + (extensions.afterTls() ? " (inside TLS)" : "") + ": "
                    + extensions.summary()));
        }
        if (relay != null && relay.variants() != null) {
            for (dev.smtpmxcheck.core.report.RelayVariantFacts v : relay.variants()) {
                dev.smtpmxcheck.core.report.SmtpReply last = v.rcptReply() != null ? v.rcptReply() : v.mailReply();
                lines.add(line("  relay variant " + v.variant().description() + ": MAIL FROM:<" + v.reversePath()
                        + "> RCPT TO:<" + v.forwardPath() + "> " + v.verdict().name().toLowerCase(Locale.ROOT)
                        + (last == null ? " (" + v.reason() + ")" : " (" + last.summary() + ")")));
            }
        }
        if (injection != null) {
            lines.add(line("  STARTTLS injection test: " + injection.verdict().name() + ", "
                    + injection.reason()));
        }
        if (ehloAfterTls != null) {
            lines.add(line("  " + ehloAfterTls.command() + " keywords after STARTTLS: " + keywords(ehloAfterTls)));
        }
        TlsFacts tls = a.tlsSession().orElse(null);
        if (tls != null) {
            // RFC 6066 §3: no SNI is sent for a host given as an IP address.
            boolean ipLiteral = tls.sni() != null && dev.smtpmxcheck.core.dns.DomainNames.isIpLiteral(tls.sni());
            lines.add(line("  TLS: " + (ipLiteral ? "no SNI (host given as an IP address)" : "SNI " + tls.sni())
                    + ", trust " + tls.trust().name()
                    + (tls.trustDetail() == null ? "" : " (" + tls.trustDetail() + ")")));
            for (CertificateFacts c : tls.chain()) {
                StringBuilder sb = new StringBuilder("  chain[").append(c.position()).append("] ").append(c.subject())
                        .append(", issuer ").append(c.issuer())
                        .append(", valid ").append(date(c.notBefore())).append(" to ").append(date(c.notAfter()))
                        .append(c.daysLeft() < 0 ? " (expired), " : " (" + c.daysLeft() + " days left), ")
                        .append(c.keyAlgorithm());
                if (c.keyBits() > 0) {
                    sb.append(' ').append(c.keyBits());
                }
                sb.append(", ").append(c.signatureAlgorithm());
                if (!c.dnsNames().isEmpty()) {
                    sb.append(", SAN ").append(String.join(" ", c.dnsNames()));
                }
                if (c.selfSigned()) {
                    sb.append(", self-signed");
                }
                lines.add(line(sb.toString()));
            }
        }
    }

    private static String keywords(Ehlo ehlo) {
        if (ehlo.keywords().isEmpty()) {
            return "(none)";
        }
        List<String> out = new ArrayList<>();
        for (EhloKeyword k : ehlo.keywords()) {
            out.add(k.params().isEmpty() ? k.keyword() : k.keyword() + " " + String.join(" ", k.params()));
        }
        return String.join(", ", out);
    }

    /**
     * Address lines first, then finding lines, then detail lines, within {@link #MAX_LONG_OUTPUT_BYTES}; what does not
     * fit is replaced by "... N more addresses", "... N more findings" or "... N more lines of detail".
     */
    private static List<String> bound(List<String> addressLines, List<String> findingLines, List<String> detailLines) {
        List<String> out = new ArrayList<>();
        int[] used = {0};
        int budget = MAX_LONG_OUTPUT_BYTES - 100;  // room for the "... more" lines
        take(out, addressLines, budget, used, "address", "addresses");
        take(out, findingLines, budget, used, "finding", "findings");
        take(out, detailLines, budget, used, "line of detail", "lines of detail");
        return out;
    }

    /** Adds {@code lines} to {@code out} while they fit, then one "... N more" line for the rest. */
    private static void take(List<String> out, List<String> lines, int budget, int[] used, String one, String many) {
        for (int i = 0; i < lines.size(); i++) {
            int size = bytes(lines.get(i));
            if (used[0] + size > budget) {
                int rest = lines.size() - i;
                out.add("... " + rest + " more " + (rest == 1 ? one : many));
                used[0] = budget;
                return;
            }
            out.add(lines.get(i));
            used[0] += size;
        }
    }

    private static int bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    private static String line(String s) {
        return clip(safe(s), MAX_LINE);
    }

    private static String date(Instant t) {
        return t == null ? "?" : DATE.format(t);
    }

    /** Control characters to spaces, {@code |} to {@code /}: the text cannot break lines or start perfdata. */
    static String safe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '|') {
                sb.append('/');
            } else if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029') {
                sb.append(' ');
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Each line of {@code text} made {@link #safe(String)}, for stack traces in the long output. */
    static String safeLines(String text) {
        StringBuilder sb = new StringBuilder();
        for (String l : text.split("\r?\n")) {
            sb.append(safe(l)).append('\n');
        }
        return sb.toString();
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...";
    }
}
