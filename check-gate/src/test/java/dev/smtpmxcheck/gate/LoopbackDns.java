package dev.smtpmxcheck.gate;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A resolver stand-in on 127.0.0.1 (UDP, ephemeral port) for the step's tests (here and in jenkins-plugin,
 * through this module's test-jar): each added domain gets
 * {@code MX 10 mx.<domain>} and {@code mx.<domain> A 127.0.0.1}; names it does not know are NXDOMAIN, known names
 * without the asked type are answered empty. Never forwards anything anywhere.
 */
public final class LoopbackDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<Name, Record> mx = new ConcurrentHashMap<>();
    private final Map<Name, Record> a = new ConcurrentHashMap<>();
    private final Thread thread;

    /** Starts answering on 127.0.0.1 at an ephemeral UDP port. */
    public LoopbackDns() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** Serves {@code domain} with one MX host on 127.0.0.1. */
    public LoopbackDns domain(String domain) throws IOException {
        Name name = Name.fromString(domain + ".");
        Name host = Name.fromString("mx." + domain + ".");
        mx.put(name, new MXRecord(name, DClass.IN, 300, 10, host));
        a.put(host, new ARecord(host, DClass.IN, 300, InetAddress.getByName("127.0.0.1")));
        return this;
    }

    /** {@code 127.0.0.1:port}, as the step's {@code dnsServer} takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a datagram that is not DNS: go on until closed
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        boolean known = mx.containsKey(name) || a.containsKey(name);
        if (!known) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.MX && mx.containsKey(name)) {
            response.addRecord(mx.get(name), Section.ANSWER);
        } else if (question.getType() == Type.A && a.containsKey(name)) {
            response.addRecord(a.get(name), Section.ANSWER);
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
