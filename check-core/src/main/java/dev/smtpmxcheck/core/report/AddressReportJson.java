package dev.smtpmxcheck.core.report;

import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.List;

/**
 * The schema-1 JSON form of an {@link AddressReport}: one field per stage, null where the stage has no facts, and the
 * failure as stage, finding code and words. Written and read through the two converters, so that the outcomes inside
 * never reach the JSON by accident.
 */
record AddressReportJson(
        String address,
        int port,
        ProbeStage failedStage,
        FindingCode failureCode,
        String failure,
        Long connectMillis,
        Greeting greeting,
        Ehlo ehlo,
        TlsFacts tls,
        Ehlo ehloAfterTls,
        RelayFacts relay,
        long totalMillis,
        List<String> transcript,
        EsmtpExtensions extensions,
        StartTlsInjectionFacts starttlsInjection,
        TlsVersionScan tlsVersions,
        ReverseDns reverseDns) {

    /** Writes the schema-1 form. */
    static final class Writer extends StdConverter<AddressReport, AddressReportJson> {
        @Override
        public AddressReportJson convert(AddressReport a) {
            Failure f = a.failure().orElse(null);
            return new AddressReportJson(a.address(), a.port(), f == null ? null : f.stage(),
                    f == null ? null : FailureJudge.code(f), f == null ? null : f.detail(),
                    a.connect().seen().orElse(null), a.greeting().seen().orElse(null), a.ehlo().seen().orElse(null),
                    a.tls().seen().orElse(null), a.ehloAfterTls().seen().orElse(null), a.relay().seen().orElse(null),
                    a.totalMillis(), a.transcript(), a.extensions().orElse(null),
                    a.starttlsInjection().seen().orElse(null), a.tlsVersions().seen().orElse(null),
                    a.reverseDns().seen().orElse(null));
        }
    }

    /** Reads the schema-1 form back into outcomes, so that {@link FailureJudge#code} gives the code written. */
    static final class Reader extends StdConverter<AddressReportJson, AddressReport> {
        @Override
        public AddressReport convert(AddressReportJson j) {
            Failure f = j.failureCode() == null ? null : failure(j);
            ProbeStage at = f == null ? null : f.stage() == null ? ProbeStage.CONNECT
                    : f.stage() == ProbeStage.TLS_HANDSHAKE && j.tls() != null ? ProbeStage.EHLO_AFTER_TLS
                    : f.stage() == ProbeStage.STARTTLS ? ProbeStage.TLS_HANDSHAKE
                    : f.stage() == ProbeStage.QUIT ? ProbeStage.RELAY_PROBE : f.stage();
            return AddressReport.builder(j.address(), j.port())
                    .connect(outcome(ProbeStage.CONNECT, at, f, j.connectMillis()))
                    .greeting(outcome(ProbeStage.GREETING, at, f, j.greeting()))
                    .ehlo(outcome(ProbeStage.EHLO, at, f, j.ehlo()))
                    .tls(outcome(ProbeStage.TLS_HANDSHAKE, at, f, j.tls()))
                    .ehloAfterTls(outcome(ProbeStage.EHLO_AFTER_TLS, at, f, j.ehloAfterTls()))
                    .relay(outcome(ProbeStage.RELAY_PROBE, at, f, j.relay()))
                    .starttlsInjection(optional(j.starttlsInjection()))
                    .tlsVersions(optional(j.tlsVersions()))
                    .reverseDns(optional(j.reverseDns()))
                    .totalMillis(j.totalMillis())
                    .transcript(j.transcript())
                    .build();
        }

        private static <T> Outcome<T> outcome(ProbeStage slot, ProbeStage failedAt, Failure f, T facts) {
            if (slot == failedAt) {
                return Outcome.failed(f, facts);
            }
            return facts == null ? Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE) : Outcome.done(facts);
        }

        private static <T> Outcome<T> optional(T facts) {
            return facts == null ? Outcome.notRun(NotRunReason.NOT_ASKED) : Outcome.done(facts);
        }

        /** A failure whose {@link FailureJudge#code} is the code written. */
        private static Failure failure(AddressReportJson j) {
            String detail = j.failure() == null ? j.failureCode().title() : j.failure();
            ProbeStage stage = j.failedStage();
            switch (j.failureCode()) {
                case GREETING_TEMPORARY_FAILURE:
                case GREETING_REJECTED:
                case GREETING_UNEXPECTED:
                case HELO_REJECTED:
                    return Failure.rejected(stage, reply(j), detail);
                case SMTP_TIMEOUT:
                    return Failure.of(stage, stage == ProbeStage.CONNECT || stage == null ? FailureReason.DEADLINE
                            : FailureReason.TIMEOUT, detail);
                case MX_UNREACHABLE:
                    return Failure.of(stage, FailureReason.UNREACHABLE, detail);
                case TLS_HANDSHAKE_FAILED:
                    return Failure.of(stage, FailureReason.TLS_ALERT, detail);
                case SMTP_PROTOCOL_ERROR:
                    return Failure.of(stage, FailureReason.PROTOCOL, detail);
                case INTERNAL_ERROR:
                    return Failure.of(stage, FailureReason.INTERNAL, detail);
                default:
                    return Failure.of(stage, FailureReason.CLOSED, detail);
            }
        }

        /** The refusing reply as the schema-1 form kept it (a STARTTLS 421 kept only its code). */
        private static SmtpReply reply(AddressReportJson j) {
            if (j.failedStage() == ProbeStage.GREETING && j.greeting() != null) {
                return j.greeting().reply();
            }
            Ehlo refused = j.failedStage() == ProbeStage.EHLO_AFTER_TLS ? j.ehloAfterTls()
                    : j.failedStage() == ProbeStage.EHLO ? j.ehlo() : null;
            if (refused != null) {
                return refused.reply();
            }
            int code = j.failureCode() == FindingCode.GREETING_TEMPORARY_FAILURE ? 421
                    : j.failureCode() == FindingCode.GREETING_REJECTED ? 554 : 500;
            return new SmtpReply(code, null, List.of());
        }
    }
}
