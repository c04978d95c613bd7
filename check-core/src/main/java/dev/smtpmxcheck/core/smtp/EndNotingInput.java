package dev.smtpmxcheck.core.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's input that notes when the server has closed its side (a read returned -1). BouncyCastle's TLS
 * client reports a server that closed the connection between two records during the handshake as its own fatal
 * alert {@code handshake_failure}; with this note the caller can tell the server's close from a real failure of the
 * handshake. Not thread-safe: one reader.
 */
final class EndNotingInput extends FilterInputStream {
    private boolean ended;

    EndNotingInput(InputStream in) {
        super(in);
    }

    /** True once a read met the end of the input. */
    boolean ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        ended |= n < 0;
        return n;
    }
}
