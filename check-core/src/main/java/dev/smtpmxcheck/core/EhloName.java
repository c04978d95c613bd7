package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.dns.DomainNames;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.time.Waited;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The name the check sends with EHLO/HELO (RFC 5321 §4.1.1.1: the client's fully qualified domain name, or an
 * address literal when it has none): what a user may give, and the default when they give none.
 */
public final class EhloName {

    /** The name sent when this host has no usable fully qualified name. */
    public static final String LOCALHOST = "localhost";

    /** The longest wait for this host's canonical name (it may need a DNS lookup): 1 s, see {@link TimeBudget}. */
    public static final Duration LOOKUP_WAIT = Duration.ofMillis(TimeBudget.HOST_NAME_LOOKUP_WAIT_MILLIS);

    /** Letters, digits and hyphens in dot-separated labels (RFC 5321 §4.1.2 Domain), with an optional final dot. */
    private static final Pattern DOMAIN =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    /** A name that looks like an IP address, which a canonical host name must not be. */
    private static final Pattern IP_LIKE = Pattern.compile("[0-9.]+|.*:.*");

    private EhloName() {}

    /**
     * True when {@code name} may be sent after EHLO/HELO: a domain of letters, digits and hyphens (RFC 5321
     * §4.1.2) or an address literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}, RFC 5321 §4.1.3), at most
     * 255 characters. Spaces, CR, LF, NUL and other control characters never pass: they would inject commands.
     *
     * @param name any string; null gives false
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            return false;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            String literal = name.substring(1, name.length() - 1);
            literal = literal.regionMatches(true, 0, "IPv6:", 0, 5) ? literal.substring(5) : literal;
            return DomainNames.isIpLiteral(literal);
        }
        return DOMAIN.matcher(name).matches();
    }

    /**
     * The default EHLO name for a host whose canonical name is {@code canonicalName}: that name without a final
     * dot when it is a dotted domain name that {@link #isValid} accepts, else {@value #LOCALHOST}.
     *
     * @param canonicalName the host's canonical name, or null when unknown
     */
    public static String fromCanonicalName(String canonicalName) {
        if (canonicalName == null) {
            return LOCALHOST;
        }
        String name = canonicalName.endsWith(".") ? canonicalName.substring(0, canonicalName.length() - 1) : canonicalName;
        if (!name.contains(".") || IP_LIKE.matcher(name).matches() || !isValid(name)) {
            return LOCALHOST;
        }
        return name;
    }

    /**
     * The default EHLO name of the host this runs on: its canonical name if found within {@link #LOOKUP_WAIT},
     * else {@value #LOCALHOST} (a slow reverse lookup must not eat the check's budget).
     */
    public static String ofThisHost() {
        return ofThisHost(EhloName::canonicalNameOfThisHost);
    }

    /**
     * {@link #ofThisHost()} with the canonical name from {@code canonicalName}, which runs on a daemon thread and is
     * given up after {@link #LOOKUP_WAIT} (1 s).
     *
     * @param canonicalName gives the host's canonical name, or null when unknown; may block
     */
    public static String ofThisHost(Supplier<String> canonicalName) {
        FutureTask<String> lookup = new FutureTask<>(canonicalName::get);
        Thread t = new Thread(lookup, "smtp-mx-check-hostname");
        t.setDaemon(true);
        t.start();
        Waited<String> waited = Deadline.after(LOOKUP_WAIT).await(lookup);
        return waited instanceof Waited.Completed<String> done ? fromCanonicalName(done.value()) : LOCALHOST;
    }

    /**
     * This host's canonical name as {@link LocalHostName#find()} finds it (the kernel's host name, {@code /etc/hosts},
     * then DNS through dnsjava: nothing that blocks in native code), or null. May block on DNS.
     */
    public static String canonicalNameOfThisHost() {
        return LocalHostName.find();
    }
}
