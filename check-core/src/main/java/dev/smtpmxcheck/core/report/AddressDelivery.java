package dev.smtpmxcheck.core.report;

import java.util.List;
import java.util.Objects;

/**
 * Who would deliver to one MX address: one {@link ClassDelivery} per {@link SenderClass}, in the enum's order.
 *
 * @param host the MX host, as in {@link MxReport#host()}
 * @param preference the MX preference (RFC 5321 §5.1)
 * @param address the IP address, as in {@link AddressReport#address()}
 * @param port the TCP port
 * @param classes one entry per sender class, opportunistic first
 */
public record AddressDelivery(String host, int preference, String address, int port, List<ClassDelivery> classes) {
    public AddressDelivery {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        classes = List.copyOf(classes);
    }

    /** The entry of {@code sender}. */
    public ClassDelivery of(SenderClass sender) {
        return classes.stream().filter(c -> c.sender() == sender).findFirst()
                .orElseThrow(() -> new IllegalStateException(host + " [" + address + "]: no entry for " + sender));
    }

    /** The subject of findings about this address ({@link Subjects#address}). */
    public String subject() {
        return Subjects.address(host, address, port);
    }
}
