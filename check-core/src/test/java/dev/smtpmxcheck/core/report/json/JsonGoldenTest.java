package dev.smtpmxcheck.core.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.json.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema 1 as users get it: {@link JsonReport#write} of the {@link GoldenReports} must equal the golden files byte
 * for byte. The files were rendered by the writer that serialised the internal records directly, so they pin the
 * schema independently of the model classes. Run with {@code -Dgolden.update=true} to re-render them after a
 * deliberate schema change (and raise {@code schemaVersion}).
 */
class JsonGoldenTest {

    private static final Path SOURCE_DIR = Path.of("src/test/resources/dev/smtpmxcheck/core/report/json");

    static List<GoldenReports.Case> cases() {
        return GoldenReports.cases();
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = JsonGoldenTest.class.getResourceAsStream(file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesTheGoldenFileByteForByte(GoldenReports.Case c) throws IOException {
        String file = c.name() + ".json";

        String json = JsonReport.write(c.report());

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SOURCE_DIR.resolve(file), json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(golden(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheGoldenFileIntoTheMappedModelAndWritesItBackUnchanged(GoldenReports.Case c) throws IOException {
        String golden = golden(c.name() + ".json");

        ReportJson read = JsonReport.read(golden);

        assertThat(read).isEqualTo(ReportJsonMapper.toJson(c.report()));
        assertThat(JsonReport.write(read)).isEqualTo(golden);
    }
}
