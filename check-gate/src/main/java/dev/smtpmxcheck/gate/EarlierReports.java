package dev.smtpmxcheck.gate;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Each domain's latest report in the builds before one build, found by one walk back through the earlier builds
 * that all calls of the step in that build share.
 *
 * <p>Walking back costs a build loaded from disk per step, so the walk goes at most {@code maxBuilds} builds back in
 * all, however many domains the build checks: a call resumes the walk where an earlier call stopped, and a domain
 * already seen costs nothing. Thread-safe: parallel branches of one build share one instance.
 *
 * @param <B> a build
 * @param <R> a domain's report in a build (the Jenkins action holding it)
 */
public final class EarlierReports<B, R> {

    /**
     * The latest earlier report of a domain.
     *
     * @param report the report
     * @param build the build it was stored with
     */
    public record Found<B, R>(R report, B build) {}

    private final Function<B, B> previous;
    private final Function<B, Map<String, R>> reportsOf;
    private final int maxBuilds;
    private final Map<String, Found<B, R>> seen = new HashMap<>();
    private B next;
    private int walked;

    /**
     * @param first the build before the one being judged (the previous completed build), or null for none
     * @param previous the build before a build, or null at the first build
     * @param reportsOf a build's reports by domain (A-labels)
     * @param maxBuilds how many builds the walk visits at most, in all; 1 or more
     */
    public EarlierReports(B first, Function<B, B> previous, Function<B, Map<String, R>> reportsOf, int maxBuilds) {
        if (maxBuilds < 1) {
            throw new IllegalArgumentException("maxBuilds must be 1 or more, got " + maxBuilds);
        }
        this.next = first;
        this.previous = previous;
        this.reportsOf = reportsOf;
        this.maxBuilds = maxBuilds;
    }

    /**
     * The latest report of {@code domain} in the builds walked so far, walking further back (up to the limit) until
     * one is found.
     *
     * @param domain the domain as A-labels
     * @return the report and its build, or null when none of the first {@code maxBuilds} builds has one
     */
    public synchronized Found<B, R> find(String domain) {
        while (!seen.containsKey(domain) && next != null && walked < maxBuilds) {
            B build = next;
            walked++;
            reportsOf.apply(build).forEach((d, r) -> seen.putIfAbsent(d, new Found<>(r, build)));
            next = walked < maxBuilds ? previous.apply(build) : null;
        }
        return seen.get(domain);
    }

    /** How many builds the walk has visited, at most {@code maxBuilds}. */
    public synchronized int walked() {
        return walked;
    }
}
