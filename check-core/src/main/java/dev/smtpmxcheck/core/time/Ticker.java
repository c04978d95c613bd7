package dev.smtpmxcheck.core.time;

/**
 * A monotonic time source in nanoseconds: only differences between two readings mean anything, and a step of the
 * wall clock (NTP, a suspended laptop) does not move it. Production uses {@link #SYSTEM}; tests use a fake one that
 * they advance by hand, so that "time left" and expiry can be asserted without sleeping.
 */
@FunctionalInterface
public interface Ticker {
    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    /** The current reading, in nanoseconds from an arbitrary origin. */
    long nanos();
}
