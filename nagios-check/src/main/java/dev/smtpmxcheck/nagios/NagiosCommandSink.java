package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.Waited;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.FutureTask;
import java.util.function.LongSupplier;

/**
 * {@code --submit nagios-cmd=/var/lib/nagios4/rw/nagios.cmd}: one {@code PROCESS_SERVICE_CHECK_RESULT} external
 * command per entry ({@link PassiveResult#nagiosCommand}), written to the Nagios (or Naemon, Icinga 1) external
 * command file. That file is a FIFO that the engine reads; each command is one {@code write} of at most
 * {@value PassiveResult#MAX_COMMAND_BYTES} bytes, so commands written by parallel entries never interleave. The
 * FIFO is opened once; opening blocks until the engine reads it, so it is given up after {@link #OPEN_WAIT}.
 */
public final class NagiosCommandSink implements ResultSink {
    /** How long opening the command file may wait for a reader (the engine). */
    static final Duration OPEN_WAIT = Duration.ofSeconds(10);

    private final Path file;
    private final FileChannel channel;
    private final LongSupplier epochSeconds;

    private NagiosCommandSink(Path file, FileChannel channel, LongSupplier epochSeconds) {
        this.file = file;
        this.channel = channel;
        this.epochSeconds = epochSeconds;
    }

    /**
     * Opens the command file for appending.
     *
     * @param file the FIFO (or, for tests and spooling, a regular file)
     * @param epochSeconds the time stamp of each command, seconds since 1970
     * @throws IOException when it cannot be opened, or no reader opened the FIFO within {@link #OPEN_WAIT}
     */
    public static NagiosCommandSink open(Path file, LongSupplier epochSeconds) throws IOException {
        Objects.requireNonNull(file, "file");
        FutureTask<FileChannel> opening = new FutureTask<>(
                () -> FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        Thread t = new Thread(opening, "check_smtp_mx-open-command-file");
        t.setDaemon(true);
        t.start();
        Waited<FileChannel> waited = Deadline.after(OPEN_WAIT).await(opening);
        if (waited instanceof Waited.Completed<FileChannel> done) {
            return new NagiosCommandSink(file, done.value(), epochSeconds);
        }
        if (waited instanceof Waited.Failed<FileChannel> failed) {
            throw new IOException("cannot open the command file " + file + ": " + CheckSmtpMx.oneLine(failed.cause()),
                    failed.cause());
        }
        throw new IOException("nobody read the command file " + file + " within " + OPEN_WAIT.toSeconds()
                + " s: is Nagios running?");
    }

    @Override
    public void deliver(BatchResult result) throws IOException {
        byte[] command = PassiveResult.of(result).nagiosCommand(epochSeconds.getAsLong()).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(command);
        synchronized (this) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was lost: every command was written in full before
        }
    }

    @Override
    public String describe() {
        return "nagios-cmd " + file;
    }
}
