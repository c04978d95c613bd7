package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import dev.smtpmxcheck.core.report.TlsVersionScan.PostQuantum;
import dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Vector;
import java.util.concurrent.Future;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsDHConfig;
import org.bouncycastle.tls.crypto.TlsDHDomain;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsKemConfig;
import org.bouncycastle.tls.crypto.TlsKemDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The opt-in TLS version scan of one address: which of TLS 1.0, 1.1, 1.2 and 1.3 the server accepts after
 * STARTTLS, which finite-field DH group it chooses when offered only DHE suites, and whether it accepts an export,
 * NULL, RC4 or 3DES suite when offered only those. Each question is a connection of its own: connect, greeting,
 * EHLO, STARTTLS, one handshake offering exactly that version (or those suites), then the connection is closed
 * (RFC 3207 §4.2: after a failed handshake the session is unusable). Each accepted handshake records the named
 * group of its key exchange (RFC 8446 §4.2.7, RFC 8422 §5.4); the scan reports the one of its newest accepted
 * version. A seventh connection offers TLS 1.3 with the hybrid post-quantum group {@code X25519MLKEM768}
 * (draft-ietf-tls-ecdhe-mlkem) as the only group and key share: accepted or refused. Seven connections per address.
 *
 * <p>The handshakes use BouncyCastle's own TLS protocol API ({@code bctls}, pure-Java crypto), not the JDK's
 * JSSE: the JDK disables TLS 1.0, 1.1, 3DES and small DH groups in {@code jdk.tls.disabledAlgorithms}, and
 * changing that security property would weaken the main probe and every other TLS user in the JVM. Server
 * certificates are accepted without judgement here; the main probe judges them.
 *
 * <p>Never throws for network trouble: an attempt that cannot reach the handshake (refused connection, no
 * STARTTLS, timeout) is {@link Outcome#UNKNOWN}. Every read waits at most min(stage timeout, time left), and a
 * watchdog closes the socket at the deadline. Thread-safe.
 */
public final class TlsVersionScanner {
    /** The versions tried, oldest first, as the JDK names them and as BouncyCastle does. */
    private static final String[] VERSION_NAMES = {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
    private static final ProtocolVersion[] VERSIONS = {ProtocolVersion.TLSv10, ProtocolVersion.TLSv11,
        ProtocolVersion.TLSv12, ProtocolVersion.TLSv13};

    /** CBC suites with SHA-1 MACs: what TLS 1.0 and 1.1 servers speak (RFC 4346, RFC 4492, RFC 5246 §A.5). */
    private static final int[] LEGACY_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA};

    /** TLS 1.2 suites: AEAD first, then the CBC ones (RFC 5246, RFC 5289, RFC 7905). */
    private static final int[] TLS12_SUITES = concat(new int[] {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256}, LEGACY_SUITES);

    /** TLS 1.3 suites (RFC 8446 §B.4). */
    private static final int[] TLS13_SUITES = {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256};

    /** Finite-field DHE suites only, for the DH group probe (TLS 1.0 to 1.2). */
    private static final int[] DHE_SUITES = {
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_DHE_DSS_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA};

    /** Export, NULL, RC4 and 3DES suites only (RFC 7465, RFC 9325 §4.1), for the weak-suite probe. */
    private static final int[] WEAK_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_RC4_128_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_RC4_128_SHA,
        CipherSuite.TLS_RSA_WITH_RC4_128_SHA, CipherSuite.TLS_RSA_WITH_RC4_128_MD5,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_NULL_SHA,
        CipherSuite.TLS_RSA_WITH_NULL_SHA256, CipherSuite.TLS_RSA_WITH_NULL_SHA, CipherSuite.TLS_RSA_WITH_NULL_MD5,
        CipherSuite.TLS_RSA_EXPORT_WITH_RC4_40_MD5, CipherSuite.TLS_RSA_EXPORT_WITH_DES40_CBC_SHA,
        CipherSuite.TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5, CipherSuite.TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA};

    private static final ProtocolVersion[] UP_TO_TLS12 = {ProtocolVersion.TLSv12, ProtocolVersion.TLSv11,
        ProtocolVersion.TLSv10};

    private static final Map<Integer, String> SUITE_NAMES = suiteNames();

    /** The hybrid post-quantum groups whose parts this scan can recognise, X25519MLKEM768 first. */
    private static final int[] HYBRID_GROUPS = {NamedGroup.X25519MLKEM768, NamedGroup.SecP256r1MLKEM768,
        NamedGroup.SecP384r1MLKEM1024};

    /** One generator for all handshakes: seeding a new one per connection costs time; SecureRandom is thread-safe. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProbeSettings settings;

    /**
     * @param settings port, stage timeout and EHLO name (relay settings are not used)
     * @throws IllegalArgumentException when the EHLO name could inject a command
     */
    public TlsVersionScanner(ProbeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        CommandWriter.validateArgument("EHLO name", settings.ehloName());
    }

    /**
     * Scans one address: four version handshakes, then the DHE and the weak-suite probes, one after the other.
     *
     * @param mxName MX host name without trailing dot, sent as SNI (none for an IP literal)
     * @param address the address
     * @param deadline everything ends by then; attempts not started in time are {@link Outcome#UNKNOWN}
     * @return the scan; never null
     */
    public TlsVersionScan scan(String mxName, InetAddress address, Deadline deadline) {
        List<VersionResult> versions = new ArrayList<>();
        String group = null;
        for (int i = 0; i < VERSIONS.length; i++) {
            ProtocolVersion v = VERSIONS[i];
            Attempt a = attempt(mxName, address, deadline, new ProtocolVersion[] {v},
                    v == ProtocolVersion.TLSv13 ? TLS13_SUITES : v == ProtocolVersion.TLSv12 ? TLS12_SUITES
                            : LEGACY_SUITES, null);
            if (a.outcome == Outcome.ACCEPTED && a.group != null) {
                group = a.group; // the newest accepted version's: what a current sender agrees on
            }
            versions.add(new VersionResult(VERSION_NAMES[i], a.outcome, a.outcome == Outcome.ACCEPTED ? a.suiteName() : null,
                    a.outcome == Outcome.ACCEPTED ? null : a.detail, a.notTriedBecause));
        }
        Attempt dhe = attempt(mxName, address, deadline, UP_TO_TLS12, DHE_SUITES, null);
        Attempt weak = attempt(mxName, address, deadline, UP_TO_TLS12, WEAK_SUITES, null);
        String weakSuite = weak.outcome == Outcome.ACCEPTED ? weak.suiteName() : null;
        String weakDetail = weak.outcome == Outcome.ACCEPTED ? "accepted " + weakSuite
                : (weak.outcome == Outcome.REFUSED ? "refused: " : "unknown: ") + weak.detail;
        Attempt pq = attempt(mxName, address, deadline, new ProtocolVersion[] {ProtocolVersion.TLSv13}, TLS13_SUITES,
                NamedGroup.X25519MLKEM768);
        PostQuantum hybrid = new PostQuantum(nameOf(NamedGroup.X25519MLKEM768), pq.outcome,
                pq.outcome == Outcome.ACCEPTED ? null : pq.detail);
        return new TlsVersionScan(versions, dhe.outcome == Outcome.ACCEPTED ? dhe.dhBits : null, weakSuite, weakDetail,
                weak.notTriedBecause, group, hybrid);
    }

    /**
     * One connection: SMTP up to STARTTLS, then one handshake offering {@code versions} and {@code suites}, and
     * {@code onlyGroup} as the only named group and key share when it is not null (else BouncyCastle's defaults).
     */
    private Attempt attempt(String mxName, InetAddress address, Deadline deadline, ProtocolVersion[] versions,
            int[] suites, Integer onlyGroup) {
        if (deadline.remainingMillis() < TimeBudget.TLS_SCAN_ATTEMPT_MIN_MILLIS) {
            return Attempt.notTried("the overall deadline had passed");
        }
        Socket socket = new Socket();
        Future<?> watchdog = Watchdog.closeAfter(deadline, socket);
        try {
            return handshake(socket, new ProbeClient(versions, suites, mxName, onlyGroup), address, deadline);
        } finally {
            // Every way out closes the connection, the early returns before the handshake too: an idle connection
            // left to the watchdog counts against postscreen's and the MTA's per-client limits.
            watchdog.cancel(false);
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    /** The SMTP part up to STARTTLS and the handshake on {@code socket}; the caller closes it. */
    private Attempt handshake(Socket socket, ProbeClient client, InetAddress address, Deadline deadline) {
        try {
            socket.connect(new InetSocketAddress(address, settings.port()),
                    deadline.limit(settings.stageTimeout()).soTimeoutMillis());
            socket.setTcpNoDelay(true);
            SmtpSession session = new SmtpSession(socket, new Transcript(), deadline, settings.stageTimeout());
            SmtpReply greeting = session.readReply();
            if (greeting.code() != 220) {
                return Attempt.unknown("the server greets with " + greeting.summary());
            }
            SmtpReply ehlo = session.command("EHLO " + settings.ehloName());
            if (!ehlo.positive() || !EhloKeywords.parse(ehlo).stream().anyMatch(k -> k.keyword().equalsIgnoreCase("STARTTLS"))) {
                return Attempt.unknown("STARTTLS not offered");
            }
            SmtpReply starttls = session.command("STARTTLS");
            if (starttls.code() != 220) {
                return Attempt.unknown("STARTTLS answered " + starttls.summary());
            }
            if (session.hasBufferedInput()) {
                return Attempt.unknown("the server sent plain text right after its 220 reply to STARTTLS");
            }
        } catch (IOException e) {
            return Attempt.unknown("before the handshake: " + describe(e, deadline));
        }
        EndNotingInput in = null;
        try {
            socket.setSoTimeout(deadline.limit(settings.stageTimeout()).soTimeoutMillis());
            in = new EndNotingInput(socket.getInputStream());
            TlsClientProtocol protocol = new TlsClientProtocol(in, socket.getOutputStream());
            protocol.connect(client);
            // A courteous end: QUIT inside TLS, without waiting for the 221 (RFC 5321 §4.1.1.10).
            protocol.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            protocol.getOutputStream().flush();
            protocol.close();
            return Attempt.accepted(client);
        } catch (TlsFatalAlertReceived e) {
            return Attempt.refused("alert " + AlertDescription.getName(e.getAlertDescription()));
        } catch (TlsFatalAlert e) {
            // Raised on our side: the server did answer with a ServerHello that we could not go on with (a suite
            // this client cannot compute, a group it refuses); the server's choice is still known.
            if (client.serverVersion != null && client.cipherSuite >= 0) {
                return Attempt.accepted(client);
            }
            if (in != null && in.ended()) {
                // BouncyCastle words a server that closed between two records as its own handshake_failure.
                return Attempt.refused("the server closed the connection (connection closed)");
            }
            if (e.getAlertDescription() == AlertDescription.protocol_version) {
                // The server answered with a version that was not offered (typically an older one): it does not
                // speak the offered version (RFC 5246 §E.1, RFC 8446 §4.1.3).
                return Attempt.refused("the server answered with another protocol version");
            }
            return Attempt.unknown("this client stopped the handshake: " + AlertDescription.getName(e.getAlertDescription())
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (IOException e) {
            if (client.serverVersion != null && client.cipherSuite >= 0) {
                return Attempt.accepted(client);
            }
            if (e instanceof SocketTimeoutException || deadline.expired()) {
                return Attempt.unknown("no complete handshake in time");
            }
            return Attempt.refused("the server closed the connection (" + describe(e, deadline) + ")");
        } catch (RuntimeException | StackOverflowError e) {
            // BouncyCastle reports some malformed server messages as unchecked exceptions, and parses ASN.1
            // recursively (a certificate nested thousands deep overflows the stack, which is whole again here): no
            // verdict.
            return Attempt.unknown("malformed handshake: " + e);
        }
    }

    private static String describe(IOException e, Deadline deadline) {
        if (e instanceof SocketTimeoutException || deadline.expired()) {
            return "timed out";
        }
        if (e instanceof EOFException || e.getMessage() == null) {
            return "connection closed";
        }
        return e.getMessage();
    }

    /** What one handshake told. */
    private static final class Attempt {
        final Outcome outcome;
        final String detail;
        final int cipherSuite;
        final Integer dhBits;
        /** The named group of the key exchange, or null when not known. */
        final String group;
        /** Why the handshake was never tried, or null when it was. */
        final String notTriedBecause;

        private Attempt(Outcome outcome, String detail, int cipherSuite, Integer dhBits, String group,
                String notTriedBecause) {
            this.outcome = outcome;
            this.detail = detail;
            this.cipherSuite = cipherSuite;
            this.dhBits = dhBits;
            this.group = group;
            this.notTriedBecause = notTriedBecause;
        }

        static Attempt notTried(String because) {
            return new Attempt(Outcome.UNKNOWN, "not tried: " + because, -1, null, null, because);
        }

        static Attempt accepted(ProbeClient client) {
            return new Attempt(Outcome.ACCEPTED, null, client.cipherSuite, client.dhBits, client.groupName(), null);
        }

        static Attempt refused(String why) {
            return new Attempt(Outcome.REFUSED, why, -1, null, null, null);
        }

        static Attempt unknown(String why) {
            return new Attempt(Outcome.UNKNOWN, why, -1, null, null, null);
        }

        String suiteName() {
            return suiteName(cipherSuite);
        }

        static String suiteName(int suite) {
            String name = SUITE_NAMES.get(suite);
            return name != null ? name : String.format("0x%04X", suite);
        }
    }

    /** A BouncyCastle client that offers exactly the given versions and suites, and records the server's choices. */
    private static final class ProbeClient extends DefaultTlsClient {
        private final ProtocolVersion[] versions;
        private final int[] suites;
        private final String serverName;
        private final Integer onlyGroup;
        private final GroupRecordingCrypto crypto;
        volatile ProtocolVersion serverVersion;
        volatile int cipherSuite = -1;
        volatile Integer dhBits;

        ProbeClient(ProtocolVersion[] versions, int[] suites, String serverName, Integer onlyGroup) {
            this(new GroupRecordingCrypto(), versions, suites, serverName, onlyGroup);
        }

        private ProbeClient(GroupRecordingCrypto crypto, ProtocolVersion[] versions, int[] suites, String serverName,
                Integer onlyGroup) {
            super(crypto);
            this.crypto = crypto;
            this.versions = versions.clone();
            this.suites = suites.clone();
            this.serverName = serverName;
            this.onlyGroup = onlyGroup;
        }

        /** The standard name of the group whose key exchange the server answered ("X25519"), or null. */
        String groupName() {
            return groupName(crypto.answeredGroups());
        }

        /**
         * The group whose parts were answered: a hybrid's two parts (RFC 8446 §4.2.8 carries them in one key share)
         * name the hybrid; a single group names itself.
         */
        static String groupName(List<Integer> answered) {
            for (int hybrid : HYBRID_GROUPS) {
                if (answered.contains(NamedGroup.getHybridFirst(hybrid))
                        && answered.contains(NamedGroup.getHybridSecond(hybrid))) {
                    return nameOf(hybrid);
                }
            }
            return answered.isEmpty() ? null : nameOf(answered.get(answered.size() - 1));
        }

        @Override
        protected Vector getSupportedGroups(Vector namedGroupRoles) {
            if (onlyGroup == null) {
                return super.getSupportedGroups(namedGroupRoles);
            }
            Vector<Integer> groups = new Vector<>();
            groups.add(onlyGroup);
            return groups;
        }

        @Override
        public Vector getEarlyKeyShareGroups() {
            if (onlyGroup == null) {
                return super.getEarlyKeyShareGroups();
            }
            Vector<Integer> groups = new Vector<>();
            groups.add(onlyGroup);
            return groups;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return versions.clone();
        }

        /** The main probe's limit, so that a long chain the main probe takes is no refusal here. */
        @Override
        public int getMaxCertificateChainLength() {
            return ProbeTlsClient.MAX_CHAIN_CERTIFICATES;
        }

        /** The main probe's limit, so that a large Certificate message the main probe takes is no refusal here. */
        @Override
        public int getMaxHandshakeMessageSize() {
            return ProbeTlsClient.MAX_HANDSHAKE_MESSAGE_OCTETS;
        }

        @Override
        public int[] getCipherSuites() {
            return suites.clone();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return suites.clone();
        }

        @Override
        protected Vector getSNIServerNames() {
            return ProbeTlsClient.serverNameIndication(serverName);
        }

        @Override
        public void notifyServerVersion(ProtocolVersion version) throws IOException {
            super.notifyServerVersion(version);
            serverVersion = version;
        }

        @Override
        public void notifySelectedCipherSuite(int selected) {
            super.notifySelectedCipherSuite(selected);
            cipherSuite = selected;
        }

        @Override
        public TlsDHGroupVerifier getDHGroupVerifier() {
            // Record the group's size and go on whatever it is: judging it is the scan's job, not refusing it.
            return group -> {
                dhBits = group.getP().bitLength();
                return true;
            };
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate certificate) {
                    // accepted unjudged: the main probe judges the chain
                }

                @Override
                public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
                    return null;
                }
            };
        }
    }

    /**
     * BouncyCastle's crypto, recording the named group of every key agreement that received the server's share: the
     * TLS API does not expose the negotiated group, and a client creates agreements for every key share it offers.
     * A hybrid group is built from two agreements (its classical and its ML-KEM part), both answered.
     */
    private static final class GroupRecordingCrypto extends BcTlsCrypto {
        private final List<Integer> answered = java.util.Collections.synchronizedList(new ArrayList<>());

        GroupRecordingCrypto() {
            super(RANDOM);
        }

        List<Integer> answeredGroups() {
            synchronized (answered) {
                return List.copyOf(answered);
            }
        }

        @Override
        public TlsECDomain createECDomain(TlsECConfig config) {
            TlsECDomain domain = super.createECDomain(config);
            return () -> recording(domain.createECDH(), config.getNamedGroup());
        }

        @Override
        public TlsDHDomain createDHDomain(TlsDHConfig config) {
            TlsDHDomain domain = super.createDHDomain(config);
            return () -> recording(domain.createDH(), config.getNamedGroup());
        }

        @Override
        public TlsKemDomain createKemDomain(TlsKemConfig config) {
            TlsKemDomain domain = super.createKemDomain(config);
            return () -> recording(domain.createKem(), config.getNamedGroup());
        }

        private TlsAgreement recording(TlsAgreement agreement, int group) {
            return new TlsAgreement() {
                @Override
                public byte[] generateEphemeral() throws IOException {
                    return agreement.generateEphemeral();
                }

                @Override
                public void receivePeerValue(byte[] peerValue) throws IOException {
                    if (group >= 0) {
                        answered.add(group); // an explicit (unnamed) DH group has none
                    }
                    agreement.receivePeerValue(peerValue);
                }

                @Override
                public TlsSecret calculateSecret() throws IOException {
                    return agreement.calculateSecret();
                }
            };
        }
    }

    /** The IANA name of a named group ("X25519", "secp256r1", "X25519MLKEM768"). */
    static String nameOf(int group) {
        String standard = NamedGroup.getStandardName(group);
        return standard != null ? standard : NamedGroup.getName(group);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** IANA names of the suites BouncyCastle knows, from its constants. */
    private static Map<Integer, String> suiteNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("TLS_")) {
                try {
                    names.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    // a public constant is always readable
                }
            }
        }
        return Map.copyOf(names);
    }
}
