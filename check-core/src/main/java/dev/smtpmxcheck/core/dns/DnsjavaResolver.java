package dev.smtpmxcheck.core.dns;

import java.time.Duration;
import java.util.List;

/** {@link MxResolver} over dnsjava. */
public final class DnsjavaResolver implements MxResolver {

    /**
     * @param servers resolvers as {@code host[:port]} (IPv6 as {@code [::1]:53}); empty for the system's
     * @param queryTimeout the longest wait for one query
     * @throws IllegalArgumentException when a server is malformed
     */
    public DnsjavaResolver(List<String> servers, Duration queryTimeout) {
        throw new UnsupportedOperationException("TODO: dns helper");
    }

    @Override
    public MxLookup lookup(String domain) {
        throw new UnsupportedOperationException("TODO: dns helper");
    }

    @Override
    public MxHost resolveHost(String host) {
        throw new UnsupportedOperationException("TODO: dns helper");
    }
}
