package dev.smtpmxcheck.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * This host's fully qualified name, found the way an MTA finds its own {@code myhostname}: the kernel's host name
 * ({@code gethostname}) when it is already dotted; else the canonical (first) name of the {@code /etc/hosts} line
 * that lists it; else an address lookup of the name through the system's resolver configuration and its search
 * list ({@code /etc/resolv.conf}), whose answer's owner name is the canonical name.
 *
 * <p>No step calls the C library's resolver: a slow {@code getaddrinfo} cannot be interrupted, and a thread left in
 * it holds up the JVM's exit by 300 ms (HotSpot waits for threads in native code). The DNS step goes through
 * dnsjava, whose I/O {@link CheckRuntime#release()} closes. Where {@code /proc/sys/kernel/hostname} does not exist
 * (not Linux), the JDK's {@link InetAddress#getLocalHost()} is the fallback, native lookups included.
 */
public final class LocalHostName {

    /** The kernel's host name on Linux. */
    public static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    /** The static table of host names. */
    public static final Path HOSTS = Path.of("/etc/hosts");

    private LocalHostName() {}

    /**
     * This host's canonical name, or null when none is found. May block on DNS (the caller bounds the wait: see
     * {@link EhloName#ofThisHost()}).
     */
    public static String find() {
        String kernel = read(KERNEL_HOST_NAME);
        if (kernel == null) {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
        return find(kernel.strip(), readLines(HOSTS), LocalHostName::lookUp);
    }

    /** Looks a short name up in DNS; gives the canonical owner name of its address records, or null. */
    @FunctionalInterface
    public interface DnsLookup {
        /**
         * @param hostName a host name without a dot
         * @return the fully qualified name its address records were found at (after CNAMEs and the search list),
         *     or null
         */
        String canonicalName(String hostName);
    }

    /**
     * The canonical name of {@code hostName}: itself when dotted, else the first name of the {@code hosts} line that
     * lists it (as the C library's {@code files} source gives it), else what {@code dns} finds.
     *
     * @param hostName the kernel's host name; null or blank gives null
     * @param hosts the lines of {@code /etc/hosts} (may be empty)
     * @param dns the DNS step, reached only when the first two give nothing
     * @return the canonical name, or null
     */
    public static String find(String hostName, List<String> hosts, DnsLookup dns) {
        if (hostName == null || hostName.isBlank()) {
            return null;
        }
        if (hostName.contains(".")) {
            return hostName;
        }
        String fromHosts = fromHostsFile(hostName, hosts);
        return fromHosts != null ? fromHosts : dns.canonicalName(hostName);
    }

    /**
     * The first name of the first {@code hosts} line whose names (the canonical name or an alias) include
     * {@code hostName}, compared without case; null when no line does. Comments ({@code #} to the end of the line)
     * and lines without a name are skipped (hosts(5)).
     */
    public static String fromHostsFile(String hostName, List<String> hosts) {
        String wanted = hostName.toLowerCase(Locale.ROOT);
        for (String line : hosts) {
            int hash = line.indexOf('#');
            String[] fields = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                if (fields[i].toLowerCase(Locale.ROOT).equals(wanted)) {
                    return fields[1];
                }
            }
        }
        return null;
    }

    private static String lookUp(String hostName) {
        return viaDns(Lookup.getDefaultResolver(), Lookup.getDefaultSearchPath()).canonicalName(hostName);
    }

    /**
     * The DNS step through dnsjava: an A lookup of the name with {@code searchPath} appended in turn (as the C
     * library's resolver does for a name without a dot), following CNAMEs; failures give null.
     *
     * @param resolver the resolver to ask (production: the system's, from {@code /etc/resolv.conf})
     * @param searchPath the domains to append (production: the system's search list)
     */
    public static DnsLookup viaDns(Resolver resolver, List<Name> searchPath) {
        return hostName -> {
            try {
                Lookup lookup = new Lookup(Name.fromString(hostName), Type.A);
                lookup.setResolver(resolver);
                lookup.setSearchPath(searchPath);
                lookup.setCache(null);
                Record[] answers = lookup.run();
                return answers == null || answers.length == 0 ? null : answers[0].getName().toString(true);
            } catch (TextParseException | RuntimeException e) {
                return null;
            }
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
