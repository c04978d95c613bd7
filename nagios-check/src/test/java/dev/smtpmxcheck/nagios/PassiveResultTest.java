package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.report.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassiveResultTest {

    private static BatchResult result(PluginOutput out, String host, String service) {
        PluginArguments.Invocation inv = PluginArguments.parse(new String[] {"-D", "example.test"});
        return new BatchResult(new BatchEntry(4, inv, "example.test", host, service, null), out, null, 10);
    }

    private static final PluginOutput WARNING = new PluginOutput(State.WARNING, "1 of 2 MX unreachable (mx2.example.test)",
            "mx_total=2;;;0 mx_reachable=1;;;0;2", List.of("[WARNING] MX_UNREACHABLE mx2 — fix: a\\b"),
            List.of("'mx1 x_time_connect'=0.012s;;;0", "mx1_cert_days=365;30:;7:"));

    @Test
    void splitsTheOutputAsIcinga2WantsIt() {
        PassiveResult p = PassiveResult.of(result(WARNING, "mail", "smtp-mx"));

        assertThat(p.exitStatus()).isEqualTo(1);
        assertThat(p.pluginOutput()).isEqualTo("SMTP MX WARNING - 1 of 2 MX unreachable (mx2.example.test)\n"
                + "[WARNING] MX_UNREACHABLE mx2 — fix: a\\b");
        assertThat(p.performanceData()).containsExactly("mx_total=2;;;0", "mx_reachable=1;;;0;2",
                "'mx1 x_time_connect'=0.012s;;;0", "mx1_cert_days=365;30:;7:");
    }

    @Test
    void nagiosCommandIsOneLineWithEscapedNewlinesAndBackslashes() {
        PassiveResult p = PassiveResult.of(result(WARNING, "mail", "smtp-mx"));

        assertThat(p.nagiosCommand(1_700_000_000L)).isEqualTo("[1700000000] PROCESS_SERVICE_CHECK_RESULT;mail;smtp-mx;1;"
                + "SMTP MX WARNING - 1 of 2 MX unreachable (mx2.example.test) | mx_total=2;;;0 mx_reachable=1;;;0;2"
                + "\\n[WARNING] MX_UNREACHABLE mx2 — fix: a\\\\b"
                + "\\n|'mx1 x_time_connect'=0.012s;;;0 mx1_cert_days=365;30:;7:\n");
    }

    @Test
    void aLongOutputLosesLinesFromTheEndToStayAtomic() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("[CRITICAL] finding " + i + " " + "x".repeat(80));
        }
        PluginOutput out = new PluginOutput(State.CRITICAL, "many", "mx_total=1;;;0", lines, List.of());

        String command = PassiveResult.of(result(out, "h", "s")).nagiosCommand(1);

        assertThat(command.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PassiveResult.MAX_COMMAND_BYTES);
        assertThat(command).startsWith("[1] PROCESS_SERVICE_CHECK_RESULT;h;s;2;SMTP MX CRITICAL - many | mx_total=1;;;0\\n")
                .contains("finding 0 ").doesNotContain("finding 99 ").endsWith("\n")
                .satisfies(c -> assertThat(c.indexOf('\n')).isEqualTo(c.length() - 1));
    }

    @Test
    void perfdataEntriesKeepQuotedLabelsWhole() {
        assertThat(PassiveResult.perfdataEntries("a=1 'b c'=2;;;0  'it''s'=3")).containsExactly("a=1", "'b c'=2;;;0",
                "'it''s'=3");
        assertThat(PassiveResult.perfdataEntries("")).isEmpty();
    }

    @Test
    void anEntryWithoutObjectNamesHasNoPassiveResult() {
        assertThatThrownBy(() -> PassiveResult.of(result(WARNING, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 4");
    }
}
