package dev.smtpmxcheck.core.dns;

/**
 * Looks up TXT records; {@link DnsjavaResolver} in production, an in-memory map in tests. Implementations never
 * throw for DNS trouble: failures are values.
 */
@FunctionalInterface
public interface TxtResolver {

    /**
     * The TXT records at {@code name}, CNAMEs followed.
     *
     * @param name A-label owner name without trailing dot, e.g. {@code _mta-sts.example.com}
     * @return the records, {@link TxtLookup.None} or {@link TxtLookup.Failed}; never null
     * @throws IllegalArgumentException when {@code name} is not a syntactically valid DNS name
     */
    TxtLookup lookupTxt(String name);
}
