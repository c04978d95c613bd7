package dev.smtpmxcheck.nagios;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The command line of batch mode, {@code check_smtp_mx --batch FILE}: the batch options ({@link #options()}), and
 * the other options, which every line of the file starts from ({@link #entry}). The batch options are taken out by
 * their exact names ({@code --parallel 8} or {@code --parallel=8}); everything else goes, unchanged, through
 * {@link PluginArguments} and so through the same {@code OptionPlan} rules and messages as a single check.
 */
public final class BatchArguments {

    /** Default of {@code --parallel}: checks that run at the same time. */
    public static final int DEFAULT_PARALLEL = 4;
    /** Upper bound of {@code --parallel}. */
    public static final int MAX_PARALLEL = 64;
    /** Default of {@code --host-template}: the host object is named after the line's domain or host. */
    public static final String DEFAULT_HOST_TEMPLATE = "{target}";
    /** Default of {@code --service-template}. */
    public static final String DEFAULT_SERVICE_TEMPLATE = "smtp-mx";
    /** The placeholder of the templates: the domain or host of the line, as written. */
    public static final String TARGET_PLACEHOLDER = "{target}";

    /** The usage line of batch mode, printed after a usage error and in {@code --help}. */
    public static final String USAGE = "       " + PluginArguments.PROGRAM + " --batch file [--parallel n]"
            + " [--submit stdout|icinga2-api=https://host:5665|nagios-cmd=path] [--api-credentials file]"
            + " [--api-ca-file file] [--host-template name] [--service-template name] [check options]";

    private BatchArguments() {}

    /** Where the results go. */
    public enum SubmitKind {
        /** One JSON object per line on standard output. */
        STDOUT,
        /** Passive check results through Icinga 2's REST API. */
        ICINGA2_API,
        /** {@code PROCESS_SERVICE_CHECK_RESULT} lines to a Nagios external command file. */
        NAGIOS_CMD
    }

    /**
     * The destination of {@code --submit}.
     *
     * @param kind which one
     * @param apiUrl the API's base URL ({@code https://host:5665}) for {@link SubmitKind#ICINGA2_API}, else null
     * @param commandFile the external command file for {@link SubmitKind#NAGIOS_CMD}, else null
     */
    public record Submit(SubmitKind kind, URI apiUrl, Path commandFile) {
        /** Requires the kind. */
        public Submit {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A parsed batch command line.
     *
     * @param file the batch file
     * @param parallel how many checks run at once, 1 to {@value #MAX_PARALLEL}
     * @param submit where the results go
     * @param apiCredentials the file with the API user and password (Icinga 2 only), else null
     * @param apiCaFile the CA certificates (PEM) that the API's certificate must chain to, or null for the JDK's
     * @param hostTemplate the host object name when a line gives no {@code --engine-host}
     * @param serviceTemplate the service object name when a line gives no {@code --engine-service}
     * @param common the check options of the command line, which every line starts from
     */
    public record Batch(Path file, int parallel, Submit submit, Path apiCredentials, Path apiCaFile,
            String hostTemplate, String serviceTemplate, List<String> common) {
        /** Copies the common options. */
        public Batch {
            common = List.copyOf(common);
        }
    }

    /** The batch options, for the parser and for the test that holds them to the help text and usage line. */
    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("FILE").build());
        o.addOption(Option.builder().longOpt("parallel").hasArg().argName("N").build());
        o.addOption(Option.builder().longOpt("submit").hasArg().argName("WHERE").build());
        o.addOption(Option.builder().longOpt("api-credentials").hasArg().argName("FILE").build());
        o.addOption(Option.builder().longOpt("api-ca-file").hasArg().argName("FILE").build());
        o.addOption(Option.builder().longOpt("host-template").hasArg().argName("NAME").build());
        o.addOption(Option.builder().longOpt("service-template").hasArg().argName("NAME").build());
        return o;
    }

    /** True when the command line asks for batch mode: it has {@code --batch}. */
    public static boolean isBatch(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--batch") || a.startsWith("--batch=")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a batch command line. The check options that are not batch options are validated at once (as for a
     * line that names no options), so that a mistake there stops the batch before anything is checked.
     *
     * @param args the command line, without the program name
     * @return the batch; never null
     * @throws UsageException with a one-line message for every invalid argument
     */
    public static Batch parse(String[] args) {
        Options batchOptions = options();
        List<String> batchArgs = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") && a.contains("=") ? a.substring(2, a.indexOf('=')) : a.startsWith("--") ? a.substring(2) : null;
            if (name != null && batchOptions.hasLongOption(name)) {
                batchArgs.add(a);
                if (!a.contains("=") && i + 1 < args.length) {
                    batchArgs.add(args[++i]);
                }
            } else {
                common.add(a);
            }
        }
        CommandLine cmd;
        try {
            cmd = DefaultParser.builder().build().parse(batchOptions, batchArgs.toArray(new String[0]));
        } catch (ParseException e) {
            throw new UsageException(PluginArguments.firstLine(e.getMessage()));
        }
        checkCommon(common);

        Path file = readable(cmd.getOptionValue("batch"), "batch file", "--batch");
        int parallel = parallel(cmd.getOptionValue("parallel"));
        Submit submit = submit(cmd.getOptionValue("submit", "stdout"));
        Path credentials = null;
        Path ca = null;
        if (submit.kind() == SubmitKind.ICINGA2_API) {
            if (!cmd.hasOption("api-credentials")) {
                throw new UsageException("--submit icinga2-api needs --api-credentials FILE (user and password are"
                        + " never given on the command line)");
            }
            credentials = readable(cmd.getOptionValue("api-credentials"), "credentials file", "--api-credentials");
            if (readableByOthers(credentials)) {
                throw new UsageException("credentials file " + PluginArguments.quote(credentials.toString())
                        + " (--api-credentials) is readable by every user; make it readable by its owner only (chmod 600)");
            }
            if (cmd.hasOption("api-ca-file")) {
                ca = readable(cmd.getOptionValue("api-ca-file"), "CA file", "--api-ca-file");
            }
        } else {
            for (String only : List.of("api-credentials", "api-ca-file")) {
                if (cmd.hasOption(only)) {
                    throw new UsageException("--" + only + " is only used with --submit icinga2-api=URL");
                }
            }
        }
        String hostTemplate = template(cmd.getOptionValue("host-template", DEFAULT_HOST_TEMPLATE), "--host-template");
        String serviceTemplate = template(cmd.getOptionValue("service-template", DEFAULT_SERVICE_TEMPLATE), "--service-template");
        return new Batch(file, parallel, submit, credentials, ca, hostTemplate, serviceTemplate, common);
    }

    /**
     * The invocation of one line: the command line's check options, then the line's, through
     * {@link PluginArguments#parseLine}, so that a line's value overrides the command line's ({@code -s} adds to
     * the list); within the line an option that takes one value may be given once.
     *
     * @throws UsageException for an invalid option of the line (among them one given twice), or one that has no
     *     place in a batch line
     */
    public static PluginArguments.Invocation entry(List<String> common, List<String> line) {
        for (String a : line) {
            if (a.equals("--json")) {
                throw new UsageException("--json has no place in a batch line: --submit stdout writes JSON already");
            }
        }
        PluginArguments.Invocation inv = PluginArguments.parseLine(common, line);
        if (inv.action() != PluginArguments.Action.CHECK) {
            throw new UsageException("-h/--help and -V/--version have no place in a batch line");
        }
        return inv;
    }

    /**
     * A host or service object name: the template with {@value #TARGET_PLACEHOLDER} replaced by {@code target}.
     */
    public static String objectName(String template, String target) {
        return template.replace(TARGET_PLACEHOLDER, target);
    }

    /**
     * Checks an engine object name: not empty, no control characters and no {@code ;} or {@code !}, which the
     * Nagios external command syntax and Icinga 2's {@code host!service} names use as separators.
     *
     * @throws UsageException naming {@code what} when the name is unusable
     */
    public static String checkObjectName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new UsageException("empty " + what);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == ';' || c == '!') {
                throw new UsageException("invalid " + what + " " + PluginArguments.quote(name)
                        + ": contains a control character, ';' or '!'");
            }
        }
        return name;
    }

    private static void checkCommon(List<String> common) {
        CommandLine cmd;
        try {
            cmd = DefaultParser.builder().build().parse(PluginArguments.options(), common.toArray(new String[0]));
        } catch (ParseException e) {
            // the full parse below words it as a single check does
            cmd = null;
        }
        if (cmd != null) {
            if (cmd.hasOption("D") || cmd.hasOption("H")) {
                throw new UsageException("-D/--domain and -H/--hostname go in the batch file, not on the command line"
                        + " with --batch");
            }
            if (cmd.hasOption("json")) {
                throw new UsageException("--json is not used with --batch: --submit stdout writes one JSON object per line");
            }
            if (cmd.hasOption("h") || cmd.hasOption("V")) {
                return;
            }
        }
        List<String> probe = new ArrayList<>(common);
        probe.add("-D");
        probe.add("batch.invalid");
        PluginArguments.parse(probe.toArray(new String[0]));
    }

    private static int parallel(String text) {
        if (text == null) {
            return DEFAULT_PARALLEL;
        }
        String t = text.trim();
        if (!t.matches("\\d{1,3}") || Integer.parseInt(t) < 1 || Integer.parseInt(t) > MAX_PARALLEL) {
            throw new UsageException("invalid --parallel " + PluginArguments.quote(text) + ": expected a whole number from 1 to "
                    + MAX_PARALLEL);
        }
        return Integer.parseInt(t);
    }

    static Submit submit(String text) {
        String t = text.trim();
        if (t.equals("stdout")) {
            return new Submit(SubmitKind.STDOUT, null, null);
        }
        if (t.startsWith("icinga2-api=")) {
            String url = t.substring("icinga2-api=".length());
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new UsageException("invalid --submit " + PluginArguments.quote(text) + ": not a URL");
            }
            if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null
                    || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
                throw new UsageException("invalid --submit " + PluginArguments.quote(text)
                        + ": expected icinga2-api=https://host:port with no user, path or query");
            }
            return new Submit(SubmitKind.ICINGA2_API, URI.create("https://" + uri.getRawAuthority()), null);
        }
        if (t.startsWith("nagios-cmd=")) {
            String path = t.substring("nagios-cmd=".length());
            if (path.isEmpty()) {
                throw new UsageException("invalid --submit " + PluginArguments.quote(text) + ": no command file");
            }
            Path p;
            try {
                p = Paths.get(path);
            } catch (RuntimeException e) {
                throw new UsageException("invalid --submit " + PluginArguments.quote(text) + ": not a path");
            }
            if (!Files.exists(p)) {
                throw new UsageException("command file " + PluginArguments.quote(path)
                        + " (--submit nagios-cmd) does not exist: is Nagios running with check_external_commands=1?");
            }
            if (Files.isDirectory(p) || !Files.isWritable(p)) {
                throw new UsageException("command file " + PluginArguments.quote(path) + " (--submit nagios-cmd) is not writable");
            }
            return new Submit(SubmitKind.NAGIOS_CMD, null, p);
        }
        throw new UsageException("invalid --submit " + PluginArguments.quote(text)
                + ": expected stdout, icinga2-api=https://host:port or nagios-cmd=FILE");
    }

    private static String template(String text, String option) {
        return checkObjectName(text, option);
    }

    private static Path readable(String name, String what, String option) {
        Path p;
        try {
            p = Paths.get(name);
        } catch (RuntimeException e) {
            throw new UsageException("invalid " + option + " " + PluginArguments.quote(name));
        }
        if (!Files.isRegularFile(p)) {
            throw new UsageException(what + " " + PluginArguments.quote(name) + " (" + option + ") "
                    + (Files.exists(p) ? "is not a regular file" : "does not exist"));
        }
        if (!Files.isReadable(p)) {
            throw new UsageException(what + " " + PluginArguments.quote(name) + " (" + option + ") is not readable");
        }
        return p;
    }

    private static boolean readableByOthers(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            return perms.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return false;
        }
    }
}
