package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.OptionPlan;
import dev.smtpmxcheck.core.OptionSyntax;
import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * The command line of {@code check_smtp_mx}, parsed into {@link CheckOptions}. Option letters follow
 * monitoring-plugins ({@code -H -p -w -c -t -v -V -h -4 -6}). This class only reads the syntax (numbers, the
 * {@code -t SECONDS:STATE} form, comma-separated {@code -s} lists); the rules between the options are
 * {@link OptionPlan}'s, worded for the command line ({@link OptionSyntax#COMMAND_LINE}). Every invalid argument
 * becomes a {@link UsageException} with a one-line message, which the plugin reports as UNKNOWN (exit 3) per the
 * Monitoring Plugins Development Guidelines.
 *
 * <p>Parsing does no I/O except checking that the {@code -C} and {@code --trust-anchor} files exist and are
 * readable; the default EHLO name (the local host's canonical name) is looked up later, under the plugin's
 * watchdog (see {@link Invocation#ehloGiven()}).
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

    /** The short usage line printed after a usage error and in {@code --help}, after the version and the description. */
    public static final String USAGE = "Usage: " + PROGRAM + " -D domain | -H host [-p port] [-4|-6] [-w days|percent%] [-c days|percent%]"
            + " [--warning-time range] [--critical-time range] [-s server[:port]] [-e name] [--relay-from addr]"
            + " [--relay-to addr] [--no-relay-test] [--no-postmaster-test] [--no-mta-sts] [--no-tls-rpt] [--tls-scan] [--require-tls] [--probes N]"
            + " [--no-reverse-dns] [-C file] [-t seconds[:state]] [--json] [-v]... [--perfdata compact|full]"
            + " [--relay-variants] [--starttls-injection-test] [--warning-connect range] [--critical-connect range]"
            + " [--warning-total range] [--critical-total range]"
            + " [--no-dane | --trust-anchor file | --dnssec-trust-ad] [--dnsbl zone]... [--dnsbl-default]"
            + " [--dnsbl-critical] | -h | -V";

    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?|\\.\\d+");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    /** The characters of an IP literal that a shell passes as they are, so that a message can show it unquoted. */
    private static final Pattern IP_CHARACTERS = Pattern.compile("[0-9A-Fa-f.:\\[\\]]+");

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
     * @param perfdata compact (the default) or full perfdata ({@code --perfdata}); {@code -v} prints the full
     *     perfdata whatever this says
     */
    public record Invocation(Action action, Target target, CheckOptions options, boolean ehloGiven, int verbosity,
            boolean json, State timeoutState, NagiosOutput.PerfdataMode perfdata) {}

    /**
     * The option definitions for the parser. The help text ({@link CheckSmtpMx#help()}) is written out by hand, not
     * generated from these; an option added here must be added there and to {@link #USAGE} too.
     */
    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder("h").longOpt("help").build());
        o.addOption(Option.builder("V").longOpt("version").build());
        o.addOption(Option.builder("v").longOpt("verbose").build());
        o.addOption(Option.builder("D").longOpt("domain").hasArg().argName("DOMAIN").build());
        o.addOption(Option.builder("H").longOpt("hostname").hasArg().argName("HOST").build());
        o.addOption(Option.builder("p").longOpt("port").hasArg().argName("PORT").build());
        o.addOption(Option.builder("4").longOpt("use-ipv4").build());
        o.addOption(Option.builder("6").longOpt("use-ipv6").build());
        o.addOption(Option.builder("w").longOpt("warning").hasArg().argName("DAYS|PERCENT%").build());
        o.addOption(Option.builder("c").longOpt("critical").hasArg().argName("DAYS|PERCENT%").build());
        o.addOption(Option.builder().longOpt("warning-time").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("critical-time").hasArg().argName("RANGE").build());
        o.addOption(Option.builder("s").longOpt("dns-server").hasArg().argName("SERVER").build());
        o.addOption(Option.builder("e").longOpt("ehlo").hasArg().argName("NAME").build());
        o.addOption(Option.builder().longOpt("relay-from").hasArg().argName("ADDR").build());
        o.addOption(Option.builder().longOpt("relay-to").hasArg().argName("ADDR").build());
        o.addOption(Option.builder().longOpt("no-relay-test").build());
        o.addOption(Option.builder().longOpt("no-postmaster-test").build());
        o.addOption(Option.builder("C").longOpt("ca-file").hasArg().argName("FILE").build());
        o.addOption(Option.builder("t").longOpt("timeout").hasArg().argName("SECONDS").build());
        o.addOption(Option.builder().longOpt("json").build());
        // Presentation only, so not part of the check's options: compact (default) or full perfdata.
        o.addOption(Option.builder().longOpt("perfdata").hasArg().argName("MODE").build());
        // Deeper SMTP diagnostics, all opt-in: relay variants, STARTTLS injection test; connect/total time ranges.
        o.addOption(Option.builder().longOpt("relay-variants").build());
        o.addOption(Option.builder().longOpt("starttls-injection-test").build());
        o.addOption(Option.builder().longOpt("warning-connect").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("critical-connect").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("warning-total").hasArg().argName("RANGE").build());
        o.addOption(Option.builder().longOpt("critical-total").hasArg().argName("RANGE").build());
        // DANE (RFC 7672): on unless --no-dane; trust from the root anchors, --trust-anchor or --dnssec-trust-ad.
        o.addOption(Option.builder().longOpt("no-dane").build());
        o.addOption(Option.builder().longOpt("trust-anchor").hasArg().argName("FILE").build());
        o.addOption(Option.builder().longOpt("dnssec-trust-ad").build());
        // Per-domain transport-security policies (RFC 8461, RFC 8460): on unless switched off; never with -H.
        o.addOption(Option.builder().longOpt("no-mta-sts").build());
        o.addOption(Option.builder().longOpt("no-tls-rpt").build());
        // TLS version scan (opt-in) and reverse DNS (on unless switched off); IPv4/IPv6 parity needs no option.
        o.addOption(Option.builder().longOpt("tls-scan").build());
        o.addOption(Option.builder().longOpt("no-reverse-dns").build());
        // Sessions per address (opt-in): N sessions compared, for servers behind one load-balanced address.
        o.addOption(Option.builder().longOpt("probes").hasArg().argName("N").build());
        // DNS blocklists (RFC 5782), opt-in: named zones (repeatable), the documented default list, listing CRITICAL.
        o.addOption(Option.builder().longOpt("dnsbl").hasArg().argName("ZONE").build());
        o.addOption(Option.builder().longOpt("dnsbl-default").build());
        o.addOption(Option.builder().longOpt("dnsbl-critical").build());
        // Severity: the domain's partners require verified TLS (opportunistic senders judged as verifying ones).
        o.addOption(Option.builder().longOpt("require-tls").build());
        return o;
    }

    /**
     * The options that may be given more than once: {@code -s} and {@code --dnsbl} add to their lists, and
     * {@code -v} counts (it takes no value, as the switches, whose repetition changes nothing).
     */
    static final Set<String> REPEATABLE = Set.of("s", "dnsbl");

    /**
     * Parses a command line and validates it through {@link OptionPlan}, which checks every rule between the
     * options and words its message for the command line. An option that takes one value may be given only once
     * (again with the same value changes nothing); {@code -s} and {@code --dnsbl} accumulate ({@link #REPEATABLE}).
     *
     * @param args the arguments, without the program name
     * @return the invocation; never null
     * @throws UsageException with a one-line message for every invalid argument, among them a single-valued option
     *     given twice with different values
     */
    public static Invocation parse(String[] args) {
        CommandLine cmd = tokenize(args);
        return parse(cmd, cmd, false);
    }

    /**
     * Parses the check options of the batch command line followed by those of one batch line: a line's option
     * overrides the command line's, but within the line (as within the command line, checked when the batch
     * starts) an option that takes one value may be given only once.
     *
     * @param common the check options of the batch command line
     * @param line the arguments of one line of the batch file
     * @return the invocation; never null
     * @throws UsageException with a one-line message for every invalid argument
     */
    static Invocation parseLine(List<String> common, List<String> line) {
        List<String> all = new ArrayList<>(common);
        all.addAll(line);
        CommandLine cmd = tokenize(all.toArray(new String[0]));
        return parse(cmd, tokenize(line.toArray(new String[0])), true);
    }

    private static Invocation parse(CommandLine cmd, CommandLine once, boolean batchLine) {
        int verbosity = 0;
        for (Option opt : cmd.getOptions()) {
            if ("v".equals(opt.getOpt())) {
                verbosity++;
            }
        }
        verbosity = Math.min(verbosity, 3);
        if (cmd.hasOption("h")) {
            return new Invocation(Action.HELP, null, null, false, verbosity, false, State.CRITICAL,
                    NagiosOutput.PerfdataMode.COMPACT);
        }
        if (cmd.hasOption("V")) {
            return new Invocation(Action.VERSION, null, null, false, verbosity, false, State.CRITICAL,
                    NagiosOutput.PerfdataMode.COMPACT);
        }
        if (!cmd.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument " + quote(cmd.getArgList().get(0)));
        }
        rejectRepeated(once, batchLine);

        Target target = target(cmd);
        OptionPlan plan = OptionPlan.of(OptionSyntax.COMMAND_LINE);
        String port = last(cmd, "p");
        if (port != null) {
            plan.port(port(port), port);
        }
        plan.family(cmd.hasOption("4"), cmd.hasOption("6"));
        if (target.kind() == TargetKind.HOST) {
            plan.host(target.name());
        }
        CheckOptions defaults = CheckOptions.defaults();
        String warning = last(cmd, "w");
        String critical = last(cmd, "c");
        plan.certDays(isPercent(warning) ? defaults.certWarningDays() : days(warning, "-w/--warning",
                        defaults.certWarningDays()),
                isPercent(critical) ? defaults.certCriticalDays() : days(critical, "-c/--critical",
                        defaults.certCriticalDays()));
        plan.certPercent(isPercent(warning) ? percent(warning, "-w/--warning") : null,
                isPercent(critical) ? percent(critical, "-c/--critical") : null);
        for (OptionPlan.Threshold threshold : OptionPlan.Threshold.values()) {
            plan.range(threshold, last(cmd, threshold.longOption().substring(2)));
        }
        String[] servers = cmd.getOptionValues("s");
        if (servers != null) {
            List<String> list = new ArrayList<>();
            for (String value : servers) {
                for (String part : value.split(",", -1)) {
                    list.add(part.trim());
                }
            }
            plan.dnsServers(list);
        }
        plan.ehloName(last(cmd, "e"))
                .relayProbe(!cmd.hasOption("no-relay-test"))
                .relayFrom(last(cmd, "relay-from"))
                .relayTo(last(cmd, "relay-to"))
                .postmasterTest(!cmd.hasOption("no-postmaster-test"))
                .relayVariants(cmd.hasOption("relay-variants"))
                .starttlsInjection(cmd.hasOption("starttls-injection-test"))
                .stsRpt(!cmd.hasOption("no-mta-sts"), !cmd.hasOption("no-tls-rpt"))
                .diagnostics(cmd.hasOption("tls-scan"), !cmd.hasOption("no-reverse-dns"));
        String probes = last(cmd, "probes");
        if (probes != null) {
            plan.sessions(sessions(probes));
        }
        String[] zones = cmd.getOptionValues("dnsbl");
        List<String> dnsbl = new ArrayList<>();
        if (zones != null) {
            for (String value : zones) {
                for (String part : value.split(",", -1)) {
                    dnsbl.add(part.trim());
                }
            }
        }
        plan.dnsbl(dnsbl, cmd.hasOption("dnsbl-default"), cmd.hasOption("dnsbl-critical"));
        plan.requireTls(cmd.hasOption("require-tls"));
        String ca = last(cmd, "C");
        if (ca != null) {
            plan.caFile(readableFile(ca, "CA file", "-C/--ca-file"));
        }
        String anchor = last(cmd, "trust-anchor");
        plan.dane(!cmd.hasOption("no-dane"), anchor == null ? null : path(anchor, "--trust-anchor"),
                cmd.hasOption("dnssec-trust-ad"));

        State timeoutState = State.CRITICAL;
        String timeout = last(cmd, "t");
        if (timeout != null) {
            int colon = timeout.indexOf(':');
            String secondsText = colon < 0 ? timeout : timeout.substring(0, colon);
            if (colon >= 0) {
                timeoutState = state(timeout.substring(colon + 1), timeout);
            }
            plan.timeout(seconds(secondsText, timeout), timeout);
        }
        plan.timeoutSeverity(severityOf(timeoutState));

        CheckOptions options;
        try {
            options = plan.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (anchor != null) {
            // after the plan, so that a contradiction with --no-dane or --dnssec-trust-ad is named first
            readableFile(anchor, "trust anchor file", "--trust-anchor");
        }
        return new Invocation(Action.CHECK, target, options, cmd.hasOption("e"), verbosity, cmd.hasOption("json"),
                timeoutState, perfdataMode(last(cmd, "perfdata")));
    }

    /**
     * Rejects an option that takes one value given more than once with different values: with getopt's "the last
     * one wins", {@code -D relay.test -D good.test} would check good.test alone and never show the open relay.
     *
     * @throws UsageException naming the first such option and its values in the order given
     */
    private static void rejectRepeated(CommandLine cmd, boolean batchLine) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Option> byKey = new LinkedHashMap<>();
        for (Option o : cmd.getOptions()) {
            String key = o.getOpt() != null ? o.getOpt() : o.getLongOpt();
            if (o.hasArg() && !REPEATABLE.contains(key) && o.getValue() != null) {
                if (!values.containsKey(key)) {  // no lambda: it would be spun at every start, outside the archive
                    values.put(key, new ArrayList<>());
                    byKey.put(key, o);
                }
                values.get(key).add(o.getValue());
            }
        }
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<String> given = e.getValue();
            if (new HashSet<>(given).size() < 2) {
                continue;
            }
            List<String> quoted = new ArrayList<>();
            for (String v : given) {
                quoted.add(quote(v));
            }
            String times = given.size() == 2 ? "twice" : given.size() + " times";
            String advice;
            if (e.getKey().equals("D") || e.getKey().equals("H")) {
                String what = e.getKey().equals("D") ? "domain" : "host";
                advice = batchLine ? "give one " + what + " per line" : "give one " + what + " per check, or use --batch";
            } else {
                advice = "give it once";
            }
            throw new UsageException(name(byKey.get(e.getKey())) + " given " + times + " (" + String.join(", ", quoted)
                    + "): " + advice);
        }
    }

    /** Quotes user input for a one-line message, as {@link OptionSyntax#quote}. */
    static String quote(String s) {
        return OptionSyntax.quote(s);
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
        if (domain && DomainNames.isIpLiteral(value)) {
            // the core refuses it too, but only the command line knows the option that checks an address
            String asGiven = IP_CHARACTERS.matcher(value).matches() ? value : quote(value);
            throw new UsageException("domain " + quote(value) + " is an IP address, not a domain name; use -H "
                    + asGiven + " to check a single host by address");
        }
        return new Target(domain ? TargetKind.DOMAIN : TargetKind.HOST, value);
    }

    /** The number of {@code -p}; its range is {@link OptionPlan}'s rule. */
    private static int port(String text) {
        String t = text.trim();
        if (!INTEGER.matcher(t).matches()) {
            throw new UsageException("invalid -p/--port " + quote(text) + ": expected a port number from 1 to 65535");
        }
        return Integer.parseInt(t);
    }

    /** The number of {@code --probes}; that it is 1 to 10 is {@link OptionPlan}'s rule. */
    private static int sessions(String text) {
        String t = text.trim();
        if (!INTEGER.matcher(t).matches() || t.length() > 6) {
            throw new UsageException("invalid --probes " + quote(text) + ": expected a number of sessions per address"
                    + " from 2 to " + CheckOptions.DiagnosticOptions.MAX_SESSIONS);
        }
        return Integer.parseInt(t);
    }

    /** True for a {@code -w}/{@code -c} value given as a share of the lifetime ({@code 33%}). */
    private static boolean isPercent(String text) {
        return text != null && text.trim().endsWith("%");
    }

    /** The number of {@code -w 33%}; that it is 0 to 100 is {@link OptionPlan}'s rule. */
    private static int percent(String text, String option) {
        String t = text.trim();
        t = t.substring(0, t.length() - 1).trim();
        if (!INTEGER.matcher(t).matches() || t.length() > 6) {
            throw new UsageException("invalid " + option + " " + quote(text)
                    + ": expected a whole number of days, or a share of the certificate's lifetime such as 33%");
        }
        return Integer.parseInt(t);
    }

    private static int days(String text, String option, int dflt) {
        if (text == null) {
            return dflt;
        }
        String t = text.trim();
        if (!INTEGER.matcher(t).matches() || t.length() > 6) {
            throw new UsageException("invalid " + option + " " + quote(text)
                    + ": expected a whole number of days (0 or more), or a share of the certificate's lifetime such as 33%");
        }
        return Integer.parseInt(t);
    }

    /** The seconds of {@code -t} as a duration (ms); that it is positive and at most a day is {@link OptionPlan}'s rule. */
    private static Duration seconds(String seconds, String whole) {
        String t = seconds.trim();
        if (!DECIMAL.matcher(t).matches() || t.length() > 20) {
            throw new UsageException("invalid -t/--timeout " + quote(whole)
                    + ": expected a positive number of seconds, e.g. 30 or 2.5");
        }
        return Duration.ofMillis(Math.round(Math.min(Double.parseDouble(t), 1e12) * 1000));
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

    /** {@code --perfdata compact} or {@code full} (any case); compact when not given. */
    private static NagiosOutput.PerfdataMode perfdataMode(String text) {
        if (text == null) {
            return NagiosOutput.PerfdataMode.COMPACT;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "compact":
                return NagiosOutput.PerfdataMode.COMPACT;
            case "full":
                return NagiosOutput.PerfdataMode.FULL;
            default:
                throw new UsageException("invalid --perfdata " + quote(text) + ": expected compact or full");
        }
    }

    private static Path path(String name, String option) {
        try {
            return Paths.get(name);
        } catch (RuntimeException e) {
            throw new UsageException("invalid " + option + " " + quote(name));
        }
    }

    private static Path readableFile(String name, String what, String option) {
        Path p = path(name, option);
        if (!Files.isRegularFile(p)) {
            throw new UsageException(what + " " + quote(name) + " (" + option + ") "
                    + (Files.exists(p) ? "is not a regular file" : "does not exist"));
        }
        if (!Files.isReadable(p)) {
            throw new UsageException(what + " " + quote(name) + " (" + option + ") is not readable");
        }
        return p;
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
