package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.AddressFamily;
import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.DaneOptions;
import dev.smtpmxcheck.core.SmtpDiagnosticOptions;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.AmbiguousOptionException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The command line of {@code check_smtp_mx}, parsed and validated into {@link CheckOptions}. Option letters
 * follow monitoring-plugins ({@code -H -p -w -c -t -v -V -h -4 -6}); every invalid argument becomes a
 * {@link UsageException} with a one-line message, which the plugin reports as UNKNOWN (exit 3) per the
 * Monitoring Plugins Development Guidelines.
 *
 * <p>Parsing does no I/O except checking that the {@code -C} file is readable; the default EHLO name (the local
 * host's canonical name) is looked up later, under the plugin's watchdog (see {@link Invocation#ehloGiven()}).
 */
public final class PluginArguments {

    /** The finding severity that yields {@code state}: OK is INFO. */
    static Severity severityOf(State state) {
        switch (state) {
            case OK:
                return Severity.INFO;
            case WARNING:
                return Severity.WARNING;
            case UNKNOWN:
                return Severity.UNKNOWN;
            default:
                return Severity.CRITICAL;
        }
    }

    /** The program name, as in status lines, usage and help. */
    public static final String PROGRAM = "check_smtp_mx";

    /** The short usage line printed after a usage error and at the top of {@code --help}. */
    public static final String USAGE = "Usage: " + PROGRAM + " -D domain | -H host [-p port] [-4|-6] [-w days] [-c days]"
            + " [--warning-time range] [--critical-time range] [-s server[:port]] [-e name] [--relay-from addr]"
            + " [--relay-to addr] [--no-relay-test] [--no-mta-sts] [--no-tls-rpt] [--tls-scan]"
            + " [--no-reverse-dns] [-C file] [-t seconds[:state]] [--json] [-v]..."
            + " [--relay-variants] [--starttls-injection-test] [--warning-connect range] [--critical-connect range]"
            + " [--warning-total range] [--critical-total range]"
            + " [--no-dane | --trust-anchor file | --dnssec-trust-ad] | -h | -V";

    /** Longest wait for one stage (connect, one reply, one handshake, one DNS query): 10 s, or less with a smaller -t. */
    public static final Duration MAX_STAGE_TIMEOUT = Duration.ofSeconds(10);

    /** Largest accepted {@code -t}, in seconds (one day). */
    public static final int MAX_TIMEOUT_SECONDS = 86_400;

    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?|\\.\\d+");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    private static final Pattern BRACKETED_V6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::(\\d{1,5}))?");
    private static final Pattern BARE_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]*)(?::(\\d{1,5}))?");
    private static final Pattern MAILBOX = Pattern.compile("[^\\s<>@\"]+@[A-Za-z0-9.\\[\\]:-]+");

    private PluginArguments() {}

    /** What the command line asks for. */
    public enum Action {
        /** Run the check. */
        CHECK,
        /** Print the help text ({@code -h}). */
        HELP,
        /** Print the version ({@code -V}). */
        VERSION
    }

    /** Whether the target is a domain (MX lookup) or one host (no MX lookup). */
    public enum TargetKind {
        /** {@code -D}: look up the MX records of the domain. */
        DOMAIN,
        /** {@code -H}: probe this host directly. */
        HOST
    }

    /**
     * What to check.
     *
     * @param kind domain ({@code -D}) or host ({@code -H})
     * @param name the name as typed; the core validates and converts it to A-labels
     */
    public record Target(TargetKind kind, String name) {
        /** Requires both fields. */
        public Target {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A parsed, valid command line.
     *
     * @param action check, help or version; for help and version the other fields are null or defaults
     * @param target what to check (null unless {@link Action#CHECK})
     * @param options the check options; its EHLO name is {@code localhost} unless {@link #ehloGiven()}
     * @param ehloGiven true when {@code -e} was given; otherwise the plugin substitutes the default EHLO name
     * @param verbosity how many {@code -v} were given (0 to 3; more count as 3)
     * @param json true for {@code --json}: print the report as JSON instead of plugin text
     * @param timeoutState the state reported when the watchdog fires ({@code -t N:STATE}); CRITICAL by default
     */
    public record Invocation(Action action, Target target, CheckOptions options, boolean ehloGiven, int verbosity,
            boolean json, State timeoutState) {}

    /** The option definitions, shared by the parser and the help text. */
    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("h").longOpt("help").desc("Print this help and exit").build());
        o.addOption(Option.builder("V").longOpt("version").desc("Print the version and exit").build());
        o.addOption(Option.builder("v").longOpt("verbose").desc("More detail; repeat up to three times").build());
        o.addOption(Option.builder("D").longOpt("domain").hasArg().argName("DOMAIN").build());
        o.addOption(Option.builder("H").longOpt("hostname").hasArg().argName("HOST").build());
        o.addOption(Option.builder("p").longOpt("port").hasArg().argName("PORT").build());
        o.addOption(Option.builder("4").longOpt("use-ipv4").build());
        o.addOption(Option.builder("6").longOpt("use-ipv6").build());
        o.addOption(Option.builder("w").longOpt("warning").hasArg().argName("DAYS").build());
        o.addOption(Option.builder("c").longOpt("critical").hasArg().argName("DAYS").build());
        o.addOption(Option.builder().longOpt("warning-time").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("critical-time").hasArg().argName("RANGE").build());
        o.addOption(Option.builder("s").longOpt("dns-server").hasArg().argName("SERVER").build());
        o.addOption(Option.builder("e").longOpt("ehlo").hasArg().argName("NAME").build());
        o.addOption(Option.builder().longOpt("relay-from").hasArg().argName("ADDR").build());
        o.addOption(Option.builder().longOpt("relay-to").hasArg().argName("ADDR").build());
        o.addOption(Option.builder().longOpt("no-relay-test").build());
        o.addOption(Option.builder("C").longOpt("ca-file").hasArg().argName("FILE").build());
        o.addOption(Option.builder("t").longOpt("timeout").hasArg().argName("SECONDS").build());
        o.addOption(Option.builder().longOpt("json").build());
        // Deeper SMTP diagnostics (issue 7): relay variants, STARTTLS injection test, connect/total time ranges.
        o.addOption(Option.builder().longOpt("relay-variants").build());
        o.addOption(Option.builder().longOpt("starttls-injection-test").build());
        o.addOption(Option.builder().longOpt("warning-connect").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("critical-connect").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("warning-total").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("critical-total").hasArg().argName("RANGE").build());
        // DANE (RFC 7672)
        o.addOption(Option.builder().longOpt("no-dane").build());
        o.addOption(Option.builder().longOpt("trust-anchor").hasArg().argName("FILE").build());
        o.addOption(Option.builder().longOpt("dnssec-trust-ad").build());
        // Per-domain transport-security policies (RFC 8461, RFC 8460): on unless switched off.
        o.addOption(Option.builder().longOpt("no-mta-sts").build());
        o.addOption(Option.builder().longOpt("no-tls-rpt").build());
        // Deeper diagnostics (issue 7: TLS versions, reverse DNS); IPv4/IPv6 parity needs no option.
        o.addOption(Option.builder().longOpt("tls-scan").build());
        o.addOption(Option.builder().longOpt("no-reverse-dns").build());
        return o;
    }

    /**
     * Parses and validates a command line. Later occurrences of a single-valued option win, as with getopt;
     * {@code -s} accumulates.
     *
     * @param args the arguments, without the program name
     * @return the invocation; never null
     * @throws UsageException with a one-line message for every invalid argument
     */
    public static Invocation parse(String[] args) {
        CommandLine cmd = tokenize(args);
        int verbosity = 0;
        for (Option opt : cmd.getOptions()) {
            if ("v".equals(opt.getOpt())) {
                verbosity++;
            }
        }
        verbosity = Math.min(verbosity, 3);
        if (cmd.hasOption("h")) {
            return new Invocation(Action.HELP, null, null, false, verbosity, false, State.CRITICAL);
        }
        if (cmd.hasOption("V")) {
            return new Invocation(Action.VERSION, null, null, false, verbosity, false, State.CRITICAL);
        }
        if (!cmd.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument " + quote(cmd.getArgList().get(0)));
        }

        Target target = target(cmd);
        CheckOptions options = CheckOptions.defaults();

        String port = last(cmd, "p");
        if (port != null) {
            options = options.withPort(port(port, "-p/--port"));
        }

        if (cmd.hasOption("4") && cmd.hasOption("6")) {
            throw new UsageException("-4 and -6 exclude each other");
        }
        if (cmd.hasOption("4")) {
            options = options.withFamily(AddressFamily.IPV4);
        } else if (cmd.hasOption("6")) {
            options = options.withFamily(AddressFamily.IPV6);
        }
        if (target.kind() == TargetKind.HOST && dev.smtpmxcheck.core.dns.DomainNames.isIpLiteral(target.name())) {
            boolean v6 = target.name().indexOf(':') >= 0;
            if ((v6 && cmd.hasOption("4")) || (!v6 && cmd.hasOption("6"))) {
                throw new UsageException("-H " + quote(target.name()) + " is an IPv" + (v6 ? "6" : "4")
                        + " address; it contradicts " + (v6 ? "-4" : "-6"));
            }
        }

        int warnDays = days(cmd, "w", "-w/--warning", options.certWarningDays());
        int critDays = days(cmd, "c", "-c/--critical", options.certCriticalDays());
        if (warnDays < critDays) {
            throw new UsageException("certificate warning days (-w " + warnDays + ") must be at least the critical days (-c "
                    + critDays + ")");
        }
        options = options.withCertDays(warnDays, critDays);

        options = options.withGreetingTime(range(cmd, "warning-time"), range(cmd, "critical-time"));

        String[] servers = cmd.getOptionValues("s");
        if (servers != null) {
            List<String> list = new ArrayList<>();
            for (String value : servers) {
                for (String part : value.split(",", -1)) {
                    list.add(dnsServer(part.trim()));
                }
            }
            options = options.withDnsServers(list);
        }

        boolean ehloGiven = cmd.hasOption("e");
        if (ehloGiven) {
            options = options.withEhloName(ehloName(last(cmd, "e")));
        }

        String from = last(cmd, "relay-from");
        String to = last(cmd, "relay-to");
        if (cmd.hasOption("no-relay-test") && (cmd.hasOption("relay-from") || cmd.hasOption("relay-to"))) {
            throw new UsageException("--no-relay-test contradicts --relay-from/--relay-to");
        }
        options = options.withRelayProbe(!cmd.hasOption("no-relay-test"),
                from == null ? options.relayFrom() : mailbox(from, "--relay-from"),
                to == null ? options.relayTo() : mailbox(to, "--relay-to"));

        if (cmd.hasOption("no-relay-test") && cmd.hasOption("relay-variants")) {
            throw new UsageException("--no-relay-test contradicts --relay-variants");
        }
        options = options.withSmtpDiagnostics(SmtpDiagnosticOptions.defaults()
                .withRelayVariants(cmd.hasOption("relay-variants"))
                .withStartTlsInjection(cmd.hasOption("starttls-injection-test"))
                .withConnectTime(range(cmd, "warning-connect"), range(cmd, "critical-connect"))
                .withTotalTime(range(cmd, "warning-total"), range(cmd, "critical-total")));
        options = options.withStsRpt(new CheckOptions.StsRptOptions(!cmd.hasOption("no-mta-sts"),
                !cmd.hasOption("no-tls-rpt")));
        options = options.withDiagnostics(options.diagnostics().withTlsScan(cmd.hasOption("tls-scan"))
                .withReverseDns(!cmd.hasOption("no-reverse-dns")));

        String ca = last(cmd, "C");
        if (ca != null) {
            options = options.withCaFile(caFile(ca));
        }

        options = options.withDane(dane(cmd));

        State timeoutState = State.CRITICAL;
        String timeout = last(cmd, "t");
        if (timeout != null) {
            int colon = timeout.indexOf(':');
            String secondsText = colon < 0 ? timeout : timeout.substring(0, colon);
            if (colon >= 0) {
                timeoutState = state(timeout.substring(colon + 1), timeout);
            }
            Duration d = timeout(secondsText, timeout);
            options = options.withTimeout(d);
        }
        options = options.withStageTimeout(min(MAX_STAGE_TIMEOUT, options.timeout()))
                .withTimeoutSeverity(severityOf(timeoutState));

        return new Invocation(Action.CHECK, target, options, ehloGiven, verbosity, cmd.hasOption("json"), timeoutState);
    }

    /**
     * True when {@code name} may be sent after EHLO/HELO: non-empty, printable US-ASCII, no spaces
     * (RFC 5321 §4.1.1.1: a domain or an address literal; CR, LF and NUL would inject commands).
     */
    public static boolean isValidEhloName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            return false;
        }
        // RFC 5321 §4.1.1.1: EHLO takes a domain or an address literal ("[192.0.2.1]", "[IPv6:2001:db8::1]").
        if (name.startsWith("[") && name.endsWith("]")) {
            String literal = name.substring(1, name.length() - 1);
            literal = literal.regionMatches(true, 0, "IPv6:", 0, 5) ? literal.substring(5) : literal;
            return dev.smtpmxcheck.core.dns.DomainNames.isIpLiteral(literal);
        }
        return EHLO_DOMAIN.matcher(name).matches();
    }

    /** Letters, digits and hyphens in dot-separated labels (RFC 5321 §4.1.2 Domain). */
    private static final Pattern EHLO_DOMAIN =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    /**
     * Quotes user input for a one-line message: in single quotes, control characters shown as {@code \r},
     * {@code \n}, {@code \0} or {@code \xNN}, at most 80 characters.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (n++ >= 80) {
                sb.append("...");
                break;
            }
            char ch = s.charAt(i);
            if (ch == '\r') {
                sb.append("\\r");
            } else if (ch == '\n') {
                sb.append("\\n");
            } else if (ch == 0) {
                sb.append("\\0");
            } else if (ch < 0x20 || ch == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('\'').toString();
    }

    private static CommandLine tokenize(String[] args) {
        try {
            return DefaultParser.builder().build().parse(options(), args);
        } catch (AmbiguousOptionException e) {
            throw new UsageException("ambiguous option " + quote(e.getOption()) + ", could be --"
                    + String.join(", --", e.getMatchingOptions()));
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option " + quote(e.getOption()));
        } catch (MissingArgumentException e) {
            throw new UsageException("option " + name(e.getOption()) + " needs a value");
        } catch (ParseException e) {
            throw new UsageException(firstLine(e.getMessage()));
        }
    }

    private static Target target(CommandLine cmd) {
        boolean domain = cmd.hasOption("D");
        boolean host = cmd.hasOption("H");
        if (domain && host) {
            throw new UsageException("-D/--domain and -H/--hostname exclude each other; give one");
        }
        if (!domain && !host) {
            throw new UsageException("missing -D/--domain or -H/--hostname");
        }
        String value = domain ? last(cmd, "D") : last(cmd, "H");
        String option = domain ? "-D/--domain" : "-H/--hostname";
        if (value.isBlank()) {
            throw new UsageException("empty " + option);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i)) || Character.isWhitespace(value.charAt(i))) {
                throw new UsageException("invalid " + option + " " + quote(value) + ": contains white space or control characters");
            }
        }
        return new Target(domain ? TargetKind.DOMAIN : TargetKind.HOST, value);
    }

    private static int port(String text, String option) {
        String t = text.trim();
        if (!INTEGER.matcher(t).matches() || Integer.parseInt(t) < 1 || Integer.parseInt(t) > 65535) {
            throw new UsageException("invalid " + option + " " + quote(text) + ": expected a port number from 1 to 65535");
        }
        return Integer.parseInt(t);
    }

    private static int days(CommandLine cmd, String opt, String option, int dflt) {
        String text = last(cmd, opt);
        if (text == null) {
            return dflt;
        }
        String t = text.trim();
        if (!INTEGER.matcher(t).matches() || t.length() > 6) {
            throw new UsageException("invalid " + option + " " + quote(text) + ": expected a whole number of days (0 or more)");
        }
        return Integer.parseInt(t);
    }

    private static Range range(CommandLine cmd, String opt) {
        String text = last(cmd, opt);
        if (text == null) {
            return null;
        }
        try {
            return Range.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + opt + ": " + firstLine(e.getMessage()));
        }
    }

    private static String dnsServer(String s) {
        String bad = "invalid -s/--dns-server " + quote(s) + ": expected host, host:port, IPv6 or [IPv6]:port";
        if (s.isEmpty()) {
            throw new UsageException("empty -s/--dns-server entry");
        }
        Matcher m = BRACKETED_V6.matcher(s);
        String portText = null;
        if (m.matches()) {
            portText = m.group(2);
        } else if (BARE_V6.matcher(s).matches()) {
            portText = null;
        } else {
            m = HOST_PORT.matcher(s);
            if (!m.matches()) {
                throw new UsageException(bad);
            }
            portText = m.group(2);
        }
        if (portText != null) {
            int p = Integer.parseInt(portText);
            if (p < 1 || p > 65535) {
                throw new UsageException(bad);
            }
        }
        return s;
    }

    private static String ehloName(String name) {
        if (!isValidEhloName(name)) {
            throw new UsageException("invalid -e/--ehlo " + quote(name)
                    + ": expected a host name or address literal without spaces, CR, LF, NUL or other control characters");
        }
        return name;
    }

    private static String mailbox(String addr, String option) {
        if (!MAILBOX.matcher(addr).matches() || addr.length() > 254) {
            throw new UsageException("invalid " + option + " " + quote(addr) + ": expected an address local@domain");
        }
        return addr;
    }

    /**
     * The DANE options (RFC 7672): {@code --no-dane}, {@code --trust-anchor FILE} (DS/DNSKEY records in zone-file
     * syntax; the root anchors by default), {@code --dnssec-trust-ad} (trust the AD bit of the -s resolvers).
     */
    private static DaneOptions dane(CommandLine cmd) {
        boolean off = cmd.hasOption("no-dane");
        String anchor = last(cmd, "trust-anchor");
        boolean trustAd = cmd.hasOption("dnssec-trust-ad");
        if (off && (anchor != null || trustAd)) {
            throw new UsageException("--no-dane contradicts --trust-anchor/--dnssec-trust-ad");
        }
        if (anchor != null && trustAd) {
            throw new UsageException("--trust-anchor and --dnssec-trust-ad exclude each other: validate from an anchor,"
                    + " or trust the resolver's AD bit");
        }
        Path file = anchor == null ? null : readableFile(anchor, "trust anchor file", "--trust-anchor");
        return new DaneOptions(!off, file, trustAd);
    }

    private static Path readableFile(String name, String what, String option) {
        Path p;
        try {
            p = Paths.get(name);
        } catch (RuntimeException e) {
            throw new UsageException("invalid " + option + " " + quote(name));
        }
        if (!Files.isRegularFile(p)) {
            throw new UsageException(what + " " + quote(name) + " (" + option + ") "
                    + (Files.exists(p) ? "is not a regular file" : "does not exist"));
        }
        if (!Files.isReadable(p)) {
            throw new UsageException(what + " " + quote(name) + " (" + option + ") is not readable");
        }
        return p;
    }

    private static Path caFile(String name) {
        Path p;
        try {
            p = Paths.get(name);
        } catch (RuntimeException e) {
            throw new UsageException("invalid -C/--ca-file " + quote(name));
        }
        if (!Files.exists(p)) {
            throw new UsageException("CA file " + quote(name) + " (-C/--ca-file) does not exist");
        }
        if (!Files.isRegularFile(p)) {
            throw new UsageException("CA file " + quote(name) + " (-C/--ca-file) is not a regular file");
        }
        if (!Files.isReadable(p)) {
            throw new UsageException("CA file " + quote(name) + " (-C/--ca-file) is not readable");
        }
        return p;
    }

    private static Duration timeout(String seconds, String whole) {
        String bad = "invalid -t/--timeout " + quote(whole) + ": expected a positive number of seconds, e.g. 30 or 2.5";
        String t = seconds.trim();
        if (!DECIMAL.matcher(t).matches() || t.length() > 20) {
            throw new UsageException(bad);
        }
        double s = Double.parseDouble(t);
        long millis = Math.round(s * 1000);
        if (millis <= 0) {
            throw new UsageException(bad);
        }
        if (s > MAX_TIMEOUT_SECONDS) {
            throw new UsageException("invalid -t/--timeout " + quote(whole) + ": at most " + MAX_TIMEOUT_SECONDS + " seconds");
        }
        return Duration.ofMillis(millis);
    }

    private static State state(String text, String whole) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "0":
            case "OK":
                return State.OK;
            case "1":
            case "WARNING":
                return State.WARNING;
            case "2":
            case "CRITICAL":
                return State.CRITICAL;
            case "3":
            case "UNKNOWN":
                return State.UNKNOWN;
            default:
                throw new UsageException("invalid -t/--timeout " + quote(whole)
                        + ": the state after ':' must be OK, WARNING, CRITICAL, UNKNOWN or 0 to 3");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String last(CommandLine cmd, String opt) {
        String[] values = cmd.getOptionValues(opt);
        return values == null || values.length == 0 ? null : values[values.length - 1];
    }

    private static String name(Option o) {
        if (o.getOpt() != null && o.getLongOpt() != null) {
            return "-" + o.getOpt() + "/--" + o.getLongOpt();
        }
        return o.getOpt() != null ? "-" + o.getOpt() : "--" + o.getLongOpt();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replace('\r', ' ').strip();
    }
}
