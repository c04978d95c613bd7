package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.delivery.SenderImpact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link FindingCode} is documented: one page {@code src-docs/src/docs/asciidoc/findings/<CODE>.adoc}
 * that names the code, states its default severity, reachability flag and title as the enum does, and has
 * the sections a mail administrator looks for. Conversely no page documents a code that does not exist,
 * the findings index links every code, and links between documentation pages lead somewhere.
 *
 * <p>Each page also says which classes of sender act on the finding and how its severity is earned, as
 * {@link SenderImpact} says: a row {@code |Severity |<how>} in the header table, and a section "Which senders it
 * affects" after "What a sending server does about it" whose first sentence, "Senders that act on it: ...", names the
 * classes by fixed phrases ("all senders", "no sender", "MTA-STS senders", "DANE senders", "opportunistic senders
 * only with --require-tls"). The index has a row per code with the same facts.
 *
 * <p>Adding a code without a page fails here, one failure per missing page. The test reads the AsciiDoc
 * sources, so it needs no documentation build.
 */
class FindingDocumentationTest {

    private static final Path DOCS = locateDocs();
    private static final Path FINDINGS = DOCS.resolve("findings");

    private static final List<String> REQUIRED_SECTIONS = List.of(
            "== What it means",
            "== What a sending server does about it",
            "== Which senders it affects",
            "== How to fix it",
            "== Example");

    /** {@code xref:target.adoc[...]} or {@code xref:target.adoc#anchor[...]}. */
    private static final Pattern XREF = Pattern.compile("xref:([^\\[#\\s]+\\.adoc)(?:#([^\\[\\s]+))?\\[");

    /** Anchors defined with {@code [[id]]} or {@code [#id]}. */
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("^\\[(?:\\[|#)([A-Za-z0-9_-]+)");

    private static final Pattern SECTION_TITLE = Pattern.compile("^={1,6} (.+)$");

    private static final String SENDERS_SECTION = "== Which senders it affects";

    /** The first sentence of the senders section: "Senders that act on it: *MTA-STS senders*." */
    private static final Pattern SENDERS_SENTENCE = Pattern.compile("Senders that act on it: (.*?)\\.(?:\\s|$)");

    @ParameterizedTest(name = "{0} has a documentation page")
    @EnumSource(FindingCode.class)
    void everyCodeHasAPage(FindingCode code) {
        Path page = FINDINGS.resolve(code.name() + ".adoc");

        assertThat(page)
                .as("documentation page of FindingCode.%s: create %s (copy the shape of a sibling page)",
                        code.name(), DOCS.getParent().getParent().getParent().getParent().relativize(page))
                .isRegularFile();
        List<String> lines = read(page);

        assertThat(documentTitle(lines)).as("title line of %s", page.getFileName()).isEqualTo("= " + code.name());
        assertThat(lines).as("sections of %s", page.getFileName()).containsAll(REQUIRED_SECTIONS);
    }

    @ParameterizedTest(name = "the page of {0} states the enum's severity, reachability and title")
    @EnumSource(FindingCode.class)
    void pageAgreesWithTheEnum(FindingCode code) {
        Path page = FINDINGS.resolve(code.name() + ".adoc");
        assertThat(page).as("documentation page of FindingCode.%s", code.name()).isRegularFile();

        List<String> lines = read(page);

        assertThat(lines)
                .as("%s must repeat the enum's facts in its header table", page.getFileName())
                .contains(
                        "|Title |" + code.title(),
                        "|Default severity |" + code.defaultSeverity().name(),
                        "|Reachability |" + (code.reachability() ? "yes" : "no"));
    }

    @ParameterizedTest(name = "the findings index links {0}")
    @EnumSource(FindingCode.class)
    void indexListsEveryCode(FindingCode code) {
        String index = String.join("\n", read(FINDINGS.resolve("index.adoc")));

        assertThat(index)
                .as("findings/index.adoc must link the page of %s", code.name())
                .contains("xref:" + code.name() + ".adoc[" + code.name() + "]");
    }

    @Test
    void everyPageNamesAnExistingCode() {
        Set<String> codes = Arrays.stream(FindingCode.values()).map(Enum::name).collect(Collectors.toSet());

        List<String> pages = list(FINDINGS).stream()
                .map(p -> p.getFileName().toString())
                .filter(name -> name.endsWith(".adoc") && !name.equals("index.adoc"))
                .map(name -> name.substring(0, name.length() - ".adoc".length()))
                .collect(Collectors.toList());

        List<String> stale = pages.stream().filter(name -> !codes.contains(name)).collect(Collectors.toList());

        assertThat(pages).as("finding pages in %s", FINDINGS).isNotEmpty();
        assertThat(stale)
                .as("pages in %s without a FindingCode constant (stale or misspelt: codes are never renamed)", FINDINGS)
                .isEmpty();
    }

    @Test
    void crossReferencesBetweenPagesResolve() throws IOException {
        List<String> broken = new ArrayList<>();

        try (Stream<Path> files = Files.walk(DOCS)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".adoc")).sorted().collect(Collectors.toList())) {
                List<String> lines = read(source);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = XREF.matcher(lines.get(i));
                    while (m.find()) {
                        Path target = source.getParent().resolve(m.group(1)).normalize();
                        String where = DOCS.relativize(source) + ":" + (i + 1) + ": " + m.group();
                        if (!Files.isRegularFile(target)) {
                            broken.add(where + " (no such page)");
                        } else if (m.group(2) != null && !anchors(read(target)).contains(m.group(2))) {
                            broken.add(where + " (no anchor '" + m.group(2) + "' in " + DOCS.relativize(target) + ")");
                        }
                    }
                }
            }
        }

        assertThat(broken).as("cross references that lead nowhere").isEmpty();
    }

    @ParameterizedTest(name = "the page of {0} says which senders act on it, as SenderImpact does")
    @EnumSource(FindingCode.class)
    void pageNamesTheSendersThatActOnIt(FindingCode code) {
        Path page = FINDINGS.resolve(code.name() + ".adoc");
        assertThat(page).as("documentation page of FindingCode.%s", code.name()).isRegularFile();

        assertThat(senderProblems(code, read(page))).as("%s against SenderImpact.of(%s)", page.getFileName(), code)
                .isEmpty();
    }

    @ParameterizedTest(name = "the findings index row of {0} agrees with the enum and SenderImpact")
    @EnumSource(FindingCode.class)
    void indexRowAgreesWithTheEnumAndTheSenders(FindingCode code) {
        SenderImpact impact = SenderImpact.of(code);
        String row = "|xref:" + code.name() + ".adoc[" + code.name() + "] |" + code.defaultSeverity().name() + " |"
                + impact.grading().label() + " |" + impact.label() + " |" + code.title();

        List<String> rows = read(FINDINGS.resolve("index.adoc")).stream()
                .map(l -> l.replace("`+--require-tls+`", "--require-tls")).collect(Collectors.toList());

        assertThat(rows).as("findings/index.adoc row of %s", code.name()).contains(row);
    }

    @Test
    void aPageThatDisagreesWithSenderImpactIsCaught() {
        FindingCode code = FindingCode.CERT_SELF_SIGNED;
        List<String> good = read(FINDINGS.resolve(code.name() + ".adoc"));
        assertThat(senderProblems(code, good)).isEmpty();

        List<String> noSection = good.stream().filter(l -> !l.equals(SENDERS_SECTION)).collect(Collectors.toList());
        List<String> extraClass = good.stream()
                .map(l -> l.replace("Senders that act on it: *MTA-STS senders*",
                        "Senders that act on it: *MTA-STS senders* and *DANE senders*"))
                .collect(Collectors.toList());
        List<String> missingClass = good.stream()
                .map(l -> l.replace("Senders that act on it: *MTA-STS senders*, and", "Senders that act on it:"))
                .collect(Collectors.toList());
        List<String> oldDefault = good.stream()
                .map(l -> l.replace("|Default severity |WARNING", "|Default severity |CRITICAL"))
                .collect(Collectors.toList());
        List<String> fixedSeverity = good.stream()
                .map(l -> l.replace("|Severity |graded by delivery", "|Severity |fixed"))
                .collect(Collectors.toList());
        List<String> sectionLast = new ArrayList<>(noSection);
        sectionLast.add(SENDERS_SECTION);

        assertThat(List.of(noSection, extraClass, missingClass, oldDefault, fixedSeverity, sectionLast))
                .allSatisfy(planted -> assertThat(planted).isNotEqualTo(good))
                .allSatisfy(planted -> assertThat(senderProblems(code, planted)).isNotEmpty());
        assertThat(senderProblems(code, extraClass)).anyMatch(p -> p.contains("\"dane senders\""));
        assertThat(senderProblems(code, oldDefault)).anyMatch(p -> p.contains("Default severity"));
    }

    /**
     * What the page of {@code code} says wrong or not at all about its severity and the senders that act on it,
     * measured against {@link FindingCode#defaultSeverity()} and {@link SenderImpact#of}; empty when it agrees.
     */
    static List<String> senderProblems(FindingCode code, List<String> lines) {
        SenderImpact impact = SenderImpact.of(code);
        List<String> problems = new ArrayList<>();
        if (!lines.contains("|Default severity |" + code.defaultSeverity().name())) {
            problems.add("no header row \"|Default severity |" + code.defaultSeverity().name() + "\"");
        }
        if (!lines.contains("|Severity |" + impact.grading().text())) {
            problems.add("no header row \"|Severity |" + impact.grading().text() + "\"");
        }
        int section = lines.indexOf(SENDERS_SECTION);
        int before = lines.indexOf("== What a sending server does about it");
        int after = lines.indexOf("== How to fix it");
        if (section < 0) {
            problems.add("no section \"" + SENDERS_SECTION + "\"");
            return problems;
        }
        if (section < before || after >= 0 && section > after) {
            problems.add("the section \"" + SENDERS_SECTION
                    + "\" belongs after \"What a sending server does about it\" and before \"How to fix it\"");
        }
        StringBuilder paragraph = new StringBuilder();
        for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("== "); i++) {
            if (lines.get(i).isBlank()) {
                if (paragraph.length() > 0) {
                    break;
                }
                continue;
            }
            paragraph.append(lines.get(i).strip()).append(' ');
        }
        Matcher m = SENDERS_SENTENCE.matcher(paragraph);
        if (!m.find() || m.start() != 0) {
            problems.add("the section does not begin with \"Senders that act on it: ...\"");
            return problems;
        }
        String said = m.group(1).replaceAll("[*`+]", "").toLowerCase(Locale.ROOT);
        boolean all = impact.allSenders();
        expectPhrase(problems, said, "all senders", all);
        expectPhrase(problems, said, "no sender", impact.senders().isEmpty() && !impact.requireTls());
        expectPhrase(problems, said, "mta-sts senders", !all && impact.senders().contains(SenderClass.MTA_STS));
        expectPhrase(problems, said, "dane senders", !all && impact.senders().contains(SenderClass.DANE));
        expectPhrase(problems, said, "opportunistic senders", !all && impact.requireTls());
        expectPhrase(problems, said, "only with --require-tls", !all && impact.requireTls());
        return problems;
    }

    private static void expectPhrase(List<String> problems, String said, String phrase, boolean expected) {
        if (said.contains(phrase) != expected) {
            problems.add((expected ? "missing" : "unexpected") + " \"" + phrase + "\" in \"Senders that act on it: "
                    + said + "\" (SenderImpact)");
        }
    }

    /** The document title: the first line that starts with a single "= ". */
    private static String documentTitle(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("= ")).findFirst().orElse("(no title line)");
    }

    /**
     * The ids a page defines: explicit {@code [[id]]} anchors and the ids Asciidoctor derives from section
     * titles with the build's settings ({@code idprefix} empty, {@code idseparator} "-").
     */
    private static Set<String> anchors(List<String> lines) {
        return lines.stream()
                .flatMap(line -> {
                    Matcher explicit = EXPLICIT_ANCHOR.matcher(line);
                    if (explicit.find()) {
                        return Stream.of(explicit.group(1));
                    }
                    Matcher title = SECTION_TITLE.matcher(line);
                    return title.matches() ? Stream.of(sectionId(title.group(1))) : Stream.empty();
                })
                .collect(Collectors.toSet());
    }

    private static String sectionId(String title) {
        String id = title.toLowerCase(Locale.ROOT)
                .replaceAll("<[^>]*>", "")
                .replaceAll("[^a-z0-9 _.-]", "")
                .replaceAll("[ _.-]+", "-");
        return id.replaceAll("^-+|-+$", "");
    }

    /** The documentation sources, found from the working directory (the check-core module) upwards. */
    private static Path locateDocs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src-docs/src/docs/asciidoc");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("src-docs/src/docs/asciidoc not found above " + Path.of("").toAbsolutePath());
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
