package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.CheckRuntime;
import dev.smtpmxcheck.core.DnsblOptions;
import dev.smtpmxcheck.core.EhloName;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.time.CpuWait;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.RunQueueWaitReader;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code check_smtp_mx}: the Monitoring Plugins-compliant front end of smtp-mx-check for Nagios, Icinga, Naemon
 * and NRPE. It parses the command line ({@link PluginArguments}), runs the check ({@link MailChecker}) under a
 * watchdog, prints {@link NagiosOutput} (or JSON with {@code --json}) on standard output and exits with the
 * report's state, following the Monitoring Plugins Development Guidelines:
 *
 * <ul>
 * <li>exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN;</li>
 * <li>bad arguments: {@code SMTP MX UNKNOWN - <reason>} and a usage line, exit 3;</li>
 * <li>{@code -h} and {@code -V} print help or version and exit 3, as the monitoring-plugins C plugins do
 *     (they are not a check result);</li>
 * <li>the check has {@code -t} seconds; if it has not returned {@value #GRACE_SECONDS} s later the watchdog
 *     prints {@code SMTP MX CRITICAL - check did not finish within N s} and exits 2 (or the state given as
 *     {@code -t N:STATE}); but when the check was starved of CPU on this host (its threads waited for a CPU for
 *     at least half of the time since the process started, read by {@link RunQueueWaitReader}), it prints
 *     {@code SMTP MX UNKNOWN - check did not finish within N s: this host was overloaded (...)} and exits 3,
 *     whatever {@code -t N:STATE} says: the timeout is the monitoring host's, not the mail servers'
 *     ({@link TimeoutOutput});</li>
 * <li>any unexpected exception: {@code SMTP MX UNKNOWN - internal error: <one line>}, exit 3; the stack trace
 *     only with {@code -vvv}.</li>
 * </ul>
 *
 * <p>Tests call {@link #run(String[], PrintStream)}, which never exits the JVM; {@link #main(String[])} is the
 * only place that does.
 */
public final class CheckSmtpMx {

    /** Seconds the watchdog waits beyond {@code -t} before it gives up on the check (see {@link TimeBudget}). */
    public static final int GRACE_SECONDS = TimeBudget.WATCHDOG_GRACE_SECONDS;

    private final MailChecker checker;
    private final Function<CheckReport, String> json;
    private final Supplier<String> localHostName;
    private final Duration grace;
    /**
     * Where the run-queue waits are read; null for this process's, {@link RunQueueWaitReader#ofThisProcess()},
     * created only when a check runs out of time so that a check that finishes loads none of its classes (they are
     * not in the class-data archive's training runs).
     */
    private final RunQueueWaitReader cpuWaits;
    /** Time already spent before {@link #run} (JVM start-up), charged to {@code -t}; zero in tests. */
    private Duration spentBefore = Duration.ZERO;

    /** The plugin wired to check-core: {@link MailChecker#CORE}, {@code JsonReport.write}, the local host's name. */
    public CheckSmtpMx() {
        this(MailChecker.CORE, report -> JsonReport.write(report), EhloName::canonicalNameOfThisHost,
                Duration.ofSeconds(GRACE_SECONDS), null);
    }

    /**
     * A plugin with its collaborators replaced, for tests.
     *
     * @param checker runs the check
     * @param json turns a report into JSON for {@code --json}
     * @param localHostName gives the local host's canonical name for the default EHLO name (may be slow: it
     *     runs under the watchdog and is given up after {@link EhloName#LOOKUP_WAIT}); see
     *     {@link EhloName#fromCanonicalName}
     * @param grace how long the watchdog waits beyond {@code -t}
     */
    public CheckSmtpMx(MailChecker checker, Function<CheckReport, String> json, Supplier<String> localHostName,
            Duration grace) {
        this(checker, json, localHostName, grace, RunQueueWaitReader.none());
    }

    /**
     * A plugin with its collaborators replaced, including where it reads how long its threads waited for a CPU.
     *
     * @param checker runs the check
     * @param json turns a report into JSON for {@code --json}
     * @param localHostName gives the local host's canonical name for the default EHLO name
     * @param grace how long the watchdog waits beyond {@code -t}
     * @param cpuWaits reads the run-queue wait of this process's threads when the watchdog fires
     *     ({@link RunQueueWaitReader#none()}: never starved, a timeout keeps the state of {@code -t N:STATE});
     *     null for {@link RunQueueWaitReader#ofThisProcess()}, created only then
     */
    public CheckSmtpMx(MailChecker checker, Function<CheckReport, String> json, Supplier<String> localHostName,
            Duration grace, RunQueueWaitReader cpuWaits) {
        this.cpuWaits = cpuWaits;
        this.checker = Objects.requireNonNull(checker, "checker");
        this.json = Objects.requireNonNull(json, "json");
        this.localHostName = Objects.requireNonNull(localHostName, "localHostName");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /**
     * Runs the plugin and exits the JVM with its exit code. Output goes to standard output in UTF-8,
     * whatever the platform encoding, so that the em dash of the findings survives {@code LANG=C}.
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        int rc;
        try {
            CheckSmtpMx plugin = new CheckSmtpMx();
            // -t counts from the process start, as for a native plugin: JVM start-up is part of the budget.
            plugin.spentBefore = ProcessAge.ofThisProcess();
            rc = plugin.run(args, out);
        } catch (Throwable t) {  // last resort: even an Error must end as a plugin line, not a JVM trace
            out.print(PluginOutput.line(State.UNKNOWN, "internal error: " + oneLine(t)).text());
            rc = State.UNKNOWN.exitCode();
        }
        out.flush();
        release();
        // halt, not exit: a check thread stuck in I/O or a library's shutdown hook must not delay the result
        Runtime.getRuntime().halt(rc);
    }

    /**
     * Releases what the check left behind that could sit in native code ({@link CheckRuntime#release()}: dnsjava's
     * selector thread, sockets of probes that lost the race with the deadline), on every path, so that
     * {@link Runtime#halt} does not wait up to 300 ms for those threads. Never throws: the result is already out.
     */
    static void release() {
        try {
            CheckRuntime.release();
        } catch (RuntimeException | LinkageError e) {
            // nothing left to report it to; the exit only takes longer
        }
    }

    /**
     * Runs the plugin without exiting the JVM.
     *
     * @param args the command line, without the program name
     * @param out where the plugin output goes (standard output in production)
     * @return the exit code, 0 to 3
     */
    public int run(String[] args, PrintStream out) {
        if (BatchArguments.isBatch(args) && !asksForHelpOrVersion(args)) {
            return new BatchMode(checker, localHostName, grace, BatchMode.SINKS, BatchMode::processCpuMillis,
                    cpuWaits()).run(args, out, System.err);
        }
        PluginArguments.Invocation inv;
        try {
            inv = PluginArguments.parse(args);
        } catch (UsageException e) {
            printUsageError(out, e.getMessage());
            return State.UNKNOWN.exitCode();
        } catch (RuntimeException e) {
            printInternalError(out, e, false);
            return State.UNKNOWN.exitCode();
        }
        switch (inv.action()) {
            case HELP:
                out.print(help());
                out.flush();
                return State.UNKNOWN.exitCode();
            case VERSION:
                out.println(versionLine());
                out.flush();
                return State.UNKNOWN.exitCode();
            default:
                return check(inv, out);
        }
    }

    private static boolean asksForHelpOrVersion(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    private int check(PluginArguments.Invocation inv, PrintStream out) {
        long started = System.nanoTime();
        Duration timeout = inv.options().timeout();
        // What is left of -t after start-up, but never so little that nothing could be tried.
        Duration budget = timeout.minus(spentBefore);
        Duration floor = Duration.ofMillis(Math.min(TimeBudget.WATCHDOG_MIN_BUDGET_MILLIS, timeout.toMillis()));
        Duration remaining = budget.compareTo(floor) < 0 ? floor : budget;
        FutureTask<Result> task = new FutureTask<>(() -> {
            CheckOptions options = inv.options().withTimeout(remaining);
            if (options.stageTimeout().compareTo(remaining) > 0) {
                options = options.withStageTimeout(remaining);
            }
            if (!inv.ehloGiven()) {
                options = options.withEhloName(EhloName.ofThisHost(localHostName));
            }
            CheckReport report = checker.check(inv.target(), options);
            if (report == null) {
                throw new IllegalStateException("the check returned no report");
            }
            String text = inv.json()
                    ? ensureNewline(json.apply(report))
                    : NagiosOutput.render(report, options, inv.verbosity(), inv.perfdata()).text();
            return new Result(text, report.state().exitCode());
        });
        Thread worker = new Thread(task, "check_smtp_mx-check");
        worker.setDaemon(true);  // never keeps the JVM alive after the watchdog gave up
        worker.start();

        Waited<Result> waited = Deadline.after(remaining.plus(grace)).await(task);
        if (waited instanceof Waited.Completed<Result> done) {
            out.print(done.value().text());
            out.flush();
            return done.value().exitCode();
        }
        if (waited instanceof Waited.TimedOut) {
            // the threads' waits count from their start, all after the process's: compare with the process's time
            long elapsed = spentBefore.toNanos() + System.nanoTime() - started;
            CpuWait wait = cpuWaits().read()
                    .map(w -> CpuWait.of(elapsed, w.totalNanos()))
                    .orElseGet(() -> CpuWait.unmeasured(elapsed));
            PluginOutput result = TimeoutOutput.of(inv.timeoutState(), timeout, wait);
            out.print(result.text());
            out.flush();
            return result.state().exitCode();
        }
        if (waited instanceof Waited.Failed<Result> failed) {
            Throwable cause = failed.cause();
            if (cause instanceof IllegalArgumentException) {
                // the core's documented answer to an invalid domain or host name
                printUsageError(out, oneLineMessage(cause));
            } else {
                printInternalError(out, cause, inv.verbosity() >= 3);
            }
            return State.UNKNOWN.exitCode();
        }
        printInternalError(out, new InterruptedException(), false);
        return State.UNKNOWN.exitCode();
    }

    private record Result(String text, int exitCode) {}

    private RunQueueWaitReader cpuWaits() {
        return cpuWaits != null ? cpuWaits : RunQueueWaitReader.ofThisProcess();
    }

    /** The version line printed by {@code -V}, e.g. {@code check_smtp_mx v1.0.0 (smtp-mx-check)}. */
    public static String versionLine() {
        return PluginArguments.PROGRAM + " v" + version() + " (smtp-mx-check)";
    }

    /** The project version from the build, or {@code unknown}. */
    public static String version() {
        try (InputStream in = CheckSmtpMx.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The text printed by {@code -h}. */
    public static String help() {
        CheckOptions d = CheckOptions.defaults();
        return versionLine() + "\n"
                + "\n"
                + "Checks a domain's inbound mail at the transport layer: MX records, SMTP on port 25, STARTTLS,\n"
                + "the certificate of every MX address, and an open-relay probe (MAIL FROM/RCPT TO, then RSET; no DATA).\n"
                + "\n"
                + PluginArguments.USAGE + "\n"
                + BatchArguments.USAGE + "\n"
                + "\n"
                + "Options:\n"
                + " -h, --help               Print this help and exit\n"
                + " -V, --version            Print the version and exit\n"
                + " -D, --domain=DOMAIN      Domain whose MX hosts are checked\n"
                + " -H, --hostname=HOST      Check this one mail host directly, without MX lookup (give -D or -H)\n"
                + " -p, --port=PORT          SMTP port (default: " + d.port() + ")\n"
                + " -4, --use-ipv4           Probe IPv4 addresses only\n"
                + " -6, --use-ipv6           Probe IPv6 addresses only\n"
                + " -w, --warning=DAYS       WARNING when a certificate expires in fewer days (default: " + d.certWarningDays() + ")\n"
                + " -c, --critical=DAYS      CRITICAL when a certificate expires in fewer days (default: " + d.certCriticalDays()
                + "; at most -w)\n"
                + "                          Or PERCENT% of the server certificate's lifetime left (-w 33% -c 10%).\n"
                + "                          With days, a certificate whose lifetime is shorter than 2 x -w days is\n"
                + "                          judged by " + CheckOptions.CertPercent.SHORT_LIVED_WARNING + "% and "
                + CheckOptions.CertPercent.SHORT_LIVED_CRITICAL + "% of its lifetime instead\n"
                + "     --warning-time=RANGE  WARNING when the greeting time in seconds alerts in RANGE\n"
                + "     --critical-time=RANGE CRITICAL when the greeting time in seconds alerts in RANGE\n"
                + " -s, --dns-server=HOST[:PORT]  DNS resolver to use; repeat or separate with commas (default: system)\n"
                + " -e, --ehlo=NAME          Name sent with EHLO (default: this host's FQDN, else localhost)\n"
                + "     --relay-from=ADDR    Reverse-path of the relay probe (default: " + d.relayFrom() + ")\n"
                + "     --relay-to=ADDR      Forward-path of the relay probe (default: " + d.relayTo() + ")\n"
                + "     --no-relay-test      Do not run the open-relay probe\n"
                + "     --no-postmaster-test Do not ask whether each MX takes mail for postmaster@DOMAIN\n"
                + "                          (MAIL FROM, RCPT TO, RSET after the relay probe; never DATA)\n"
                + "     --no-mta-sts         Do not look up, fetch and judge the domain's MTA-STS policy (RFC 8461)\n"
                + "     --no-tls-rpt         Do not look up and judge the domain's TLS-RPT record (RFC 8460)\n"
                + "     --tls-scan           Also try TLS 1.0, 1.1, 1.2, 1.3 one by one, DHE-only, weak suites and\n"
                + "                          X25519MLKEM768 only (post-quantum); records the key exchange group:\n"
                + "                          seven extra connections per address that offers STARTTLS\n"
                + "     --no-reverse-dns     Do not look up the PTR records of the MX addresses\n"
                + "     --require-tls        The domain's partners require verified TLS: judge opportunistic senders\n"
                + "                          as verifying ones, so that every TLS failure is CRITICAL\n"
                + "     --probes=N           Open N sessions (2 to 10) to every address, spread over -t, and report\n"
                + "                          when they differ (STARTTLS, certificate, greeting name, refusals):\n"
                + "                          N - 1 extra connections per address, each with a TLS handshake\n"
                + " -C, --ca-file=FILE       Extra trusted CA certificates (PEM), added to the JDK's\n"
                + " -t, --timeout=SECONDS[:STATE]  Deadline of the whole check (default: " + d.timeout().toSeconds()
                + "); one stage waits at most " + CheckOptions.MAX_STAGE_TIMEOUT.toSeconds() + " s.\n"
                + "                          STATE (OK, WARNING, CRITICAL, UNKNOWN; default CRITICAL) is the state of\n"
                + "                          a timeout: a server, connect or DNS query that did not answer in time\n"
                + "                          (UNKNOWN when this host was overloaded: the check's threads waited\n"
                + "                          for a CPU half of the check's time or more)\n"
                + "     --json               Print the report as JSON instead of plugin output (same exit code)\n"
                + "     --no-dane            Do not look up TLSA records (DANE, RFC 7672), nor validate the MX lookup's\n"
                + "                          DNSSEC (MX RRset and MX host addresses, RFC 7672 section 2.2.1)\n"
                + "     --trust-anchor=FILE  DNSSEC trust anchor for DANE: DS or DNSKEY records in zone-file syntax\n"
                + "                          (default: the IANA root anchors, shipped with the check)\n"
                + "     --dnssec-trust-ad    Do not validate DNSSEC; trust the AD bit of the -s resolver (a validating\n"
                + "                          resolver on a trusted path, as Postfix's smtp_dns_support_level=dnssec)\n"
                + " -v, --verbose            -v: every note in full, policy lines and one detail line per MX address,\n"
                + "                          full perfdata; -vv: EHLO keywords and certificate chain;\n"
                + "                          -vvv: SMTP transcripts and stack traces of internal errors\n"
                + "     --perfdata=MODE      compact (default): per address _time_total and _cert_days; full: also\n"
                + "                          _time_connect, _time_greeting and _time_tls (as -v); a time range\n"
                + "                          below adds its time to compact\n"
                + "     --warning-connect=RANGE, --critical-connect=RANGE  thresholds on the TCP connect time (seconds)\n"
                + "     --warning-total=RANGE, --critical-total=RANGE  thresholds on the total time of one address\n"
                + "                          (seconds, connect to QUIT)\n"
                + "     --relay-variants     After the relay probe, try 9 classic relay address forms (percent hack,\n"
                + "                          source route, bang path, ...), each MAIL/RCPT/RSET: up to 27 round trips\n"
                + "     --starttls-injection-test  Run the STARTTLS command-injection test (CVE-2011-0411): a second\n"
                + "                          connection to every address that negotiated TLS\n"
                + "     --dnsbl=ZONE         Look every MX address up in this DNS blocklist (RFC 5782); repeat or\n"
                + "                          separate with commas. One A query per address and list (one TXT more\n"
                + "                          per listing) through the -s resolvers; listed is WARNING\n"
                + "     --dnsbl-default      Also look them up in " + String.join(", ", DnsblOptions.DEFAULT_ZONES) + "\n"
                + "     --dnsbl-critical     A listing is CRITICAL instead of WARNING\n"
                + "\n"
                + "Batch mode: one process checks many domains and delivers one result per line of FILE:\n"
                + "     --batch=FILE         One check per line: a domain, or options such as -H host, -e name,\n"
                + "                          --no-relay-test, --engine-host NAME, --engine-service NAME (the\n"
                + "                          engine's objects); '#' starts a comment. The check options of the\n"
                + "                          command line apply to every line; a line's own options win\n"
                + "     --parallel=N         Checks that run at once (default " + BatchArguments.DEFAULT_PARALLEL
                + ", at most " + BatchArguments.MAX_PARALLEL + "); -t applies to each line\n"
                + "     --submit=WHERE       stdout (default): one JSON object per line, the summary last;\n"
                + "                          icinga2-api=https://HOST:5665: passive results through Icinga 2's API;\n"
                + "                          nagios-cmd=FILE: PROCESS_SERVICE_CHECK_RESULT to Nagios' command file\n"
                + "     --api-credentials=FILE  'user = NAME' and 'password = SECRET' of the Icinga 2 ApiUser\n"
                + "     --api-ca-file=FILE   CA certificates (PEM) that the Icinga 2 API's certificate must chain to\n"
                + "     --host-template=NAME Host object of a line without --engine-host; {target} stands for the\n"
                + "                          line's domain or host (default " + BatchArguments.DEFAULT_HOST_TEMPLATE + ")\n"
                + "     --service-template=NAME  Service object of a line without --engine-service (default "
                + BatchArguments.DEFAULT_SERVICE_TEMPLATE + ")\n"
                + "                          Batch exit status: 0 all results delivered, 1 some, 2 none, 3 usage\n"
                + "\n"
                + "RANGE is the Monitoring Plugins threshold syntax: 10 (alert outside 0..10), 10: (below 10),\n"
                + "~:10 (above 10), 10:20 (outside 10..20), @10:20 (inside 10..20). Decimals use '.'.\n"
                + "\n"
                + "Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (bad arguments, internal error, -h, -V).\n"
                + "Performance data: mx_total, mx_reachable, and per address <host>_<address>_time_total (seconds)\n"
                + "and _cert_days (earliest expiry in the chain); with --perfdata full or -v also _time_connect,\n"
                + "_time_greeting and _time_tls (seconds), and _time_greeting or _time_connect whenever a range\n"
                + "is given for it; per MX host whose DANE check ran,\n"
                + "<host>_tlsa_records (0 when it publishes none);\n"
                + "with --dnsbl, per address <host>_<address>_dnsbl_listings (lists that list it);\n"
                + "mta_sts_max_age (seconds) when the domain publishes MTA-STS.\n"
                + "The warn/crit fields of the time values are the ranges given above.\n"
                + "\n"
                + "Examples:\n"
                + " " + PluginArguments.PROGRAM + " -D example.com\n"
                + " " + PluginArguments.PROGRAM + " -H mx1.example.com -w 21 -c 7 --critical-time 10 -t 60\n"
                + " " + PluginArguments.PROGRAM + " --batch /etc/smtp-mx/domains.txt --parallel 8 -t 30 \\\n"
                + "     --submit icinga2-api=https://localhost:5665 --api-credentials /etc/smtp-mx/api.conf \\\n"
                + "     --api-ca-file /var/lib/icinga2/certs/ca.crt\n";
    }

    private static void printUsageError(PrintStream out, String message) {
        out.print(PluginOutput.line(State.UNKNOWN, NagiosOutput.safe(message)).text());
        out.println(PluginArguments.USAGE);
        out.flush();
    }

    private static void printInternalError(PrintStream out, Throwable t, boolean trace) {
        out.print(PluginOutput.line(State.UNKNOWN, "internal error: " + oneLine(t)).text());
        if (trace) {
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            out.print(NagiosOutput.safeLines(sw.toString()));
        }
        out.flush();
    }

    static String oneLine(Throwable t) {
        return NagiosOutput.safe(t.getClass().getSimpleName() + ": " + oneLineMessage(t));
    }

    static String oneLineMessage(Throwable t) {
        String m = PluginArguments.firstLine(t.getMessage());
        return m.isEmpty() ? t.getClass().getSimpleName() : m;
    }

    private static String ensureNewline(String s) {
        return s.endsWith("\n") ? s : s + "\n";
    }

    /** Seconds for a message: {@code 30}, {@code 2.5}, {@code 0.25}. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return Long.toString(ms / 1000);
        }
        String s = Perfdata.secondsNumber(ms);
        while (s.endsWith("0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
