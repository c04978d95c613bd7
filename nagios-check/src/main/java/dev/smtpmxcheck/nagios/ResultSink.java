package dev.smtpmxcheck.nagios;

import java.io.IOException;

/**
 * Where batch mode delivers the result of each entry: standard output ({@link StdoutSink}), Icinga 2's REST API
 * ({@link Icinga2ApiSink}) or a Nagios external command file ({@link NagiosCommandSink}). {@link #deliver} is called
 * from several threads at once.
 */
public interface ResultSink extends AutoCloseable {

    /**
     * Delivers one result.
     *
     * @throws IOException when it could not be delivered; the message (one line) says why
     */
    void deliver(BatchResult result) throws IOException;

    /** Releases what the sink holds (files, connections); never throws. */
    @Override
    void close();

    /** A short description for messages, e.g. {@code icinga2-api https://monitor:5665}. */
    String describe();
}
