package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static CheckReport sample() {
        MxReport mx1 = new MxReport("mx1.example.test", 10, List.of(), null, List.of(Reports.accepting("192.0.2.1")));
        MxReport mx2 = new MxReport("mx2.example.test", 20, List.of(), null,
                List.of(Reports.unreachable("192.0.2.2", "connection refused")));
        Finding f = Finding.of(FindingCode.MX_UNREACHABLE, Severity.WARNING, "mx2.example.test [192.0.2.2]:25",
                "connection refused");
        return new CheckReport(CheckReport.SCHEMA_VERSION, "example.test", Instant.parse("2026-11-29T10:15:30Z"), 1234,
                State.WARNING, "1 of 2 MX unreachable (mx2.example.test)", MxSource.MX, List.of(mx1, mx2), List.of(f));
    }

    @Test
    void roundTripsToAnEqualReport() {
        CheckReport report = sample();

        CheckReport back = JsonReport.read(JsonReport.write(report));

        assertThat(back).isEqualTo(report);
    }

    @Test
    void writesIsoInstantsStableNamesAndOmitsNulls() {
        String json = JsonReport.write(sample());

        assertThat(json).contains("\"schemaVersion\" : 1", "\"startedAt\" : \"2026-11-29T10:15:30Z\"",
                "\"state\" : \"WARNING\"", "\"code\" : \"MX_UNREACHABLE\"", "\"connectMillis\" : 3");
        assertThat(json).doesNotContain("null", "acceptsSessions", "\"positive\"");
    }

    @Test
    void readsOlderReportsAndIgnoresUnknownFields() {
        String json = JsonReport.write(sample()).replaceFirst("\\{", "{ \"addedLater\" : true,");

        assertThat(JsonReport.read(json).domain()).isEqualTo("example.test");
    }

    @Test
    void refusesNewerSchemaAndGarbage() {
        String newer = JsonReport.write(sample()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99");

        assertThatThrownBy(() -> JsonReport.read(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion 99");
        assertThatThrownBy(() -> JsonReport.read("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonReport.read("{")).isInstanceOf(IllegalArgumentException.class);
    }
}
