package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards that no main code decides anything by reading words meant for people: a finding's message, a failure's
 * detail, a reason, a summary, an enum constant's name or a transcript line. Outcomes, failure reasons, replies and
 * codes carry what happened; words are built from them and never read back. Rewording a message must not be able to
 * change a verdict. Scans the main sources of every module in the reactor, in the style of
 * {@link PackageDependencyTest}.
 */
class WordsAreNotDecisionsTest {

    /** Accessors whose value is words for people. */
    private static final String WORDS = "(?:message|detail|failure|reason|remediation|summary|trustDetail|"
            + "weakSuiteDetail|problem|addressProblem)";

    /** Ways of reading words. */
    private static final String READ = "(?:contains|startsWith|endsWith|matches|equals|equalsIgnoreCase|indexOf|"
            + "lastIndexOf|substring|split|regionMatches|charAt)";

    private static final List<Rule> RULES = List.of(
            new Rule("reads words of a finding or an outcome",
                    Pattern.compile("\\." + WORDS + "\\(\\)\\s*\\.\\s*" + READ + "\\(")),
            new Rule("reads words of a finding or an outcome through Optional",
                    Pattern.compile("(?:\\." + WORDS + "\\(\\)|::" + WORDS + "\\b)[^;]*(?:::" + READ + "\\b|\\."
                            + READ + "\\()")),
            new Rule("runs a regular expression over words",
                    Pattern.compile("matcher\\([^;]*\\b" + WORDS + "\\(\\)")),
            new Rule("reads the name of a code or enum constant",
                    Pattern.compile("\\.name\\(\\)\\s*\\.\\s*(?:startsWith|endsWith|contains|matches)\\(")),
            new Rule("parses a finding's subject",
                    Pattern.compile("\\.subject\\(\\)\\s*\\.\\s*" + READ + "\\(")),
            new Rule("reads the transcript",
                    Pattern.compile("transcript\\(\\)\\s*\\.\\s*(?:get|indexOf|contains|subList|stream|iterator)\\(")),
            new Rule("looks for a dialogue line",
                    Pattern.compile("\"[CS]: ")));

    /** Files allowed to use a rule: the transcript writes its own lines. */
    private static final List<String> WRITERS_OF_TRANSCRIPT_LINES = List.of("Transcript.java");

    private record Rule(String what, Pattern pattern) {}

    /** The violations in {@code source}, one "file:line: what: code" each; comments are left out. */
    static List<String> violations(String file, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        boolean inComment = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("*") || line.startsWith("//")) {
                continue;
            }
            for (Rule rule : RULES) {
                boolean allowed = rule.what().equals("looks for a dialogue line")
                        && WRITERS_OF_TRANSCRIPT_LINES.contains(file);
                if (!allowed && rule.pattern().matcher(line).find()) {
                    out.add(file + ":" + (i + 1) + ": " + rule.what() + ": " + line);
                }
            }
        }
        return out;
    }

    /** The main sources of every module beside this one, and this one's. */
    private static List<Path> mainSources() throws IOException {
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(roots::add);
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void noMainCodeDecidesByReadingWords() throws IOException {
        List<Path> sources = mainSources();
        List<String> found = new ArrayList<>();
        for (Path p : sources) {
            try {
                found.addAll(violations(p.getFileName().toString(), Files.readString(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        assertThat(sources).as("main sources of the reactor").hasSizeGreaterThan(100)
                .anyMatch(p -> p.toString().contains("nagios-check"));
        assertThat(found).as("decisions that read words").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "return TIMEOUT_WORDS.matcher(f.message()).find();",
        "a.failure() != null && a.failure().contains(\"timed out\")",
        "if (a.detail() != null && a.detail().contains(\"STARTTLS\")) {",
        "boolean probesNotTried = weak != null && weak.startsWith(\"unknown: \") && x.detail().startsWith(\"not\");",
        "return r.problem().startsWith(\"CNAME\") ? 4 : 1;",
        "findings.stream().filter(f -> f.code().name().startsWith(\"DNS_\"))",
        "int space = f.subject().indexOf(' ');",
        "if (report.transcript().get(i).startsWith(\"C: EHLO \")) {",
        "int i = transcript.indexOf(\"C: STARTTLS\");",
        "a.failure().map(Failure::detail).filter(d -> d.contains(\"x\")).map(String::length)",
        "return a.failure().map(Failure::detail).filter(String::isEmpty).isPresent() || f.reason().equals(\"x\");"
    })
    void aPlantedDecisionByWordsIsFound(String line) {
        assertThat(violations("Planted.java", "class Planted {\n    " + line + "\n}\n")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "return a.failure().filter(Failure::timedOut).isPresent();",
        "String text = f.stage() + \": \" + f.detail();",
        "// a.failure().contains(\"timed out\") was the old way",
        "transcript.event(\"STARTTLS refused; the relay probe continues in plain text\");",
        "if (reply.code() == 421 && failure.reason() == FailureReason.REJECTED_BY_REPLY) {"
    })
    void buildingWordsAndReadingTypesIsAllowed(String line) {
        assertThat(violations("Fine.java", "class Fine {\n    " + line + "\n}\n")).isEmpty();
    }
}
