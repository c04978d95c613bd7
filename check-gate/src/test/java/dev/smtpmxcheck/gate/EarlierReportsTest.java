package dev.smtpmxcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk back through earlier builds, with builds as numbers and a log of every build read. */
class EarlierReportsTest {

    /** Build n's reports by domain; builds count down to 1. */
    private final Map<Integer, Map<String, String>> builds = Map.of(
            9, Map.of("a.test", "a@9"),
            8, Map.of(),
            7, Map.of("a.test", "a@7", "b.test", "b@7"),
            6, Map.of(),
            5, Map.of("c.test", "c@5"));
    private final List<Integer> read = new ArrayList<>();

    private EarlierReports<Integer, String> from(Integer first, int maxBuilds) {
        return new EarlierReports<>(first, n -> n > 1 ? n - 1 : null, n -> {
            read.add(n);
            return builds.getOrDefault(n, Map.of());
        }, maxBuilds);
    }

    @Test
    void eachDomainGetsItsLatestReportAndEveryBuildIsReadOnceForAllCalls() {
        EarlierReports<Integer, String> earlier = from(9, 50);

        EarlierReports.Found<Integer, String> a = earlier.find("a.test");
        EarlierReports.Found<Integer, String> b = earlier.find("b.test");
        EarlierReports.Found<Integer, String> aAgain = earlier.find("a.test");
        EarlierReports.Found<Integer, String> c = earlier.find("c.test");

        assertThat(a).isEqualTo(new EarlierReports.Found<>("a@9", 9));
        assertThat(b).isEqualTo(new EarlierReports.Found<>("b@7", 7));
        assertThat(aAgain).isSameAs(a);
        assertThat(c).isEqualTo(new EarlierReports.Found<>("c@5", 5));
        assertThat(read).containsExactly(9, 8, 7, 6, 5);
    }

    @Test
    void theWalkStopsAtTheLimitInAllNotPerDomain() {
        EarlierReports<Integer, String> earlier = from(9, 3);

        EarlierReports.Found<Integer, String> c = earlier.find("c.test");
        EarlierReports.Found<Integer, String> d = earlier.find("d.test");
        EarlierReports.Found<Integer, String> b = earlier.find("b.test");

        assertThat(c).isNull();
        assertThat(d).isNull();
        assertThat(b).isEqualTo(new EarlierReports.Found<>("b@7", 7));
        assertThat(read).containsExactly(9, 8, 7);
        assertThat(earlier.walked()).isEqualTo(3);
    }

    @Test
    void aDomainNoBuildHasEndsAtTheFirstBuildAndAFirstBuildWalksNothing() {
        EarlierReports<Integer, String> earlier = from(3, 50);
        EarlierReports<Integer, String> none = from(null, 50);

        assertThat(earlier.find("x.test")).isNull();
        assertThat(read).containsExactly(3, 2, 1);
        assertThat(none.find("a.test")).isNull();
        assertThat(none.walked()).isZero();
        assertThatThrownBy(() -> from(9, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
