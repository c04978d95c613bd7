package dev.smtpmxcheck.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that stands still until a test advances it; starts near the top of the range to catch overflow. */
public final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - Duration.ofDays(1).toNanos());

    @Override
    public long nanos() {
        return nanos.get();
    }

    /** Moves the time forward by {@code d}. */
    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
