package dev.smtpmxcheck.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds threads that sit in native code (a selector's {@code epoll_wait}, a blocking socket read): the threads
 * that make HotSpot's exit wait up to 300 ms. A thread counts when it is alive, {@link Thread.State#RUNNABLE}
 * and the top frame of its stack is a native method. Threads that are only passing through native code are given
 * {@link #SETTLE_MILLIS} ms to leave it, so a result says "stuck", not "unlucky".
 */
public final class NativeThreads {

    /** How long a thread may take to leave native code before it counts as left there, in ms. */
    public static final long SETTLE_MILLIS = 5_000;

    private NativeThreads() {}

    /** The threads alive now, to pass to {@link #startedSinceAndInNative}. */
    public static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Whether {@code t} is alive and its top frame is a native method. */
    public static boolean inNative(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        return t.isAlive() && t.getState() == Thread.State.RUNNABLE && stack.length > 0 && stack[0].isNativeMethod();
    }

    /**
     * The threads not in {@code before} that are still in native code after up to {@link #SETTLE_MILLIS} ms, each
     * as "name: top frame".
     */
    public static List<String> startedSinceAndInNative(Set<Thread> before) throws InterruptedException {
        long end = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        List<String> stuck;
        do {
            stuck = new ArrayList<>();
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread t = e.getKey();
                if (!before.contains(t) && inNative(t)) {
                    stuck.add(t.getName() + ": " + t.getStackTrace()[0]);
                }
            }
            if (stuck.isEmpty()) {
                return stuck;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        return stuck;
    }

    /** The live threads named {@code name}. */
    public static List<Thread> named(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals(name)).toList();
    }
}
