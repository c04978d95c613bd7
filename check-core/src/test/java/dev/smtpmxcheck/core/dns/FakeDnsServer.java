package dev.smtpmxcheck.core.dns;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An in-process recursive resolver stand-in for tests: answers on 127.0.0.1, UDP and TCP on the same
 * ephemeral port, from records given in zone-file syntax. Never forwards anything anywhere.
 *
 * <p>By default it behaves like a recursive resolver: it follows CNAMEs within its own data and puts the
 * whole chain in the answer, answers NXDOMAIN for names it has no record for and NOERROR with an empty
 * answer for names without the asked type. Switches make it answer SERVFAIL or REFUSED, stay silent (for
 * timeouts), stop following CNAMEs (as an authoritative server for the alias only would), or set TC on
 * every UDP answer so that the client must ask again over TCP.
 */
public final class FakeDnsServer implements AutoCloseable {

    /** What the server does with a query. */
    public enum Behaviour { ANSWER, SERVFAIL, REFUSED, SILENT }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<Name, Behaviour> behaviourByName = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile boolean followCnames = true;
    private volatile boolean truncateUdp;
    private volatile boolean running = true;

    private FakeDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        start("fake-dns-udp", this::serveUdp);
        start("fake-dns-tcp", this::acceptTcp);
    }

    /** Starts a server on 127.0.0.1 with a free port shared by UDP and TCP. */
    public static FakeDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return new FakeDnsServer(udp, tcp);
            } catch (IOException e) {
                udp.close();
                last = e;
            }
        }
        throw last;
    }

    /** The server as {@link DnsjavaResolver} takes it: {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    /**
     * Adds records in zone-file syntax, one per line, names relative to the root, TTL 300, class IN;
     * e.g. {@code example.com. MX 10 mx1.example.com.}
     */
    public FakeDnsServer zone(String text) {
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root, 300)) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** What to do with every query (unless a name has its own behaviour). */
    public FakeDnsServer behaviour(Behaviour b) {
        behaviour = b;
        return this;
    }

    /** What to do with queries for one name, whatever the type. */
    public FakeDnsServer behaviour(String name, Behaviour b) {
        behaviourByName.put(name(name), b);
        return this;
    }

    /** Whether CNAME chains are followed within the server's data (true, as a recursive resolver does). */
    public FakeDnsServer followCnames(boolean on) {
        followCnames = on;
        return this;
    }

    /** Sets TC and drops the answer on every UDP reply; TCP replies stay complete. */
    public FakeDnsServer truncateUdp(boolean on) {
        truncateUdp = on;
        return this;
    }

    public int udpQueries() {
        return udpQueries.get();
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    /** Every question received, as {@code name/TYPE}, lower case, e.g. {@code mx1.example.com./A}. */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public void close() throws IOException {
        running = false;
        udp.close();
        tcp.close();
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                udpQueries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = respond(query);
                if (response == null) {
                    continue;
                }
                if (truncateUdp) {
                    response.removeAllRecords(Section.ANSWER);
                    response.getHeader().setFlag(Flags.TC);
                }
                byte[] out = response.toWire();
                udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void acceptTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                start("fake-dns-tcp-conn", () -> serveTcp(socket));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (running) {
                int length = in.readUnsignedShort();
                byte[] wire = new byte[length];
                in.readFully(wire);
                tcpQueries.incrementAndGet();
                Message response = respond(new Message(wire));
                if (response != null) {
                    byte[] bytes = response.toWire();
                    out.writeShort(bytes.length);
                    out.write(bytes);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // client closed the connection, or the server stopped
        }
    }

    /** The reply to a query, or null to stay silent. */
    private Message respond(Message query) {
        Record question = query.getQuestion();
        questions.add(question.getName().toString().toLowerCase(java.util.Locale.ROOT) + "/" + Type.string(question.getType()));
        Behaviour b = behaviourByName.getOrDefault(question.getName(), behaviour);
        if (b == Behaviour.SILENT) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (b == Behaviour.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        if (b == Behaviour.REFUSED) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return response;
        }
        Name current = question.getName();
        Set<Name> seen = new HashSet<>();
        while (true) {
            List<Record> at = records.get(current);
            if (at == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                return response;
            }
            List<Record> hits = new ArrayList<>();
            CNAMERecord alias = null;
            for (Record record : at) {
                if (record.getType() == question.getType()) {
                    hits.add(record);
                } else if (record instanceof CNAMERecord) {
                    alias = (CNAMERecord) record;
                }
            }
            if (!hits.isEmpty() || alias == null) {
                hits.forEach(r -> response.addRecord(r, Section.ANSWER));
                return response; // data, or NOERROR without data
            }
            response.addRecord(alias, Section.ANSWER);
            if (!followCnames || !seen.add(current)) {
                return response; // the client has to follow (or the chain loops: a resolver would give up)
            }
            current = alias.getTarget();
        }
    }
}
