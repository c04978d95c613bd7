package dev.smtpmxcheck.core;

/** Which IP families to probe (check_smtp_mx -4 / -6). */
public enum AddressFamily {
    ANY,
    IPV4,
    IPV6
}
