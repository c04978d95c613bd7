package dev.smtpmxcheck.core.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8461 §3.1: the TXT record grammar and the choice among several TXT records. */
class StsRecordTest {

    @ParameterizedTest(name = "valid: [{0}] -> id {1}")
    @CsvSource(delimiter = '|', value = {
        "v=STSv1; id=20160831085700Z;|20160831085700Z",
        "v=STSv1; id=20160831085700Z|20160831085700Z",
        "v=STSv1;id=abc|abc",
        "v=STSv1 ;\tid=abc ; |abc",
        "v=STSv1; id=abc; ext_1.x-y=some:value|abc",
        "v=STSv1; ext=1; id=A1b2|A1b2",
        "v=STSv1; id=12345678901234567890123456789012|12345678901234567890123456789012"
    })
    void validRecords(String text, String id) {
        StsRecord.Parse parse = StsRecord.parse(text);

        assertThat(parse).isInstanceOf(StsRecord.Parse.Valid.class);
        assertThat(((StsRecord.Parse.Valid) parse).record().id()).isEqualTo(id);
    }

    @ParameterizedTest(name = "invalid: [{0}] ({1})")
    @CsvSource(delimiter = '|', value = {
        "v=STSv1|no id field",
        "v=STSv1;|no id field",
        "v=STSv1; id=|id \"\" is not 1 to 32 letters or digits",
        "v=STSv1; id=2016-08-31|id \"2016-08-31\" is not 1 to 32 letters or digits",
        "v=STSv1; id=123456789012345678901234567890123|is not 1 to 32 letters or digits",
        "v=STSv1; id=a; id=b|more than one id field",
        "v=STSv1 id=abc|must be followed by",
        "v=STSv1; id=abc;; x=1|empty field",
        "v=STSv1; id=abc; broken|is not name=value",
        "v=STSv1; id=abc; _x=1|field name \"_x\" is not valid",
        "v=STSv1; id=abc; x=a b|holds a space",
        "v=STSv1; id=abc def|is not 1 to 32 letters or digits",
        "v=stsv1; id=abc|does not begin with v=STSv1"
    })
    void invalidRecords(String text, String reason) {
        StsRecord.Parse parse = StsRecord.parse(text);

        assertThat(parse).isInstanceOf(StsRecord.Parse.Invalid.class);
        assertThat(((StsRecord.Parse.Invalid) parse).reason()).contains(reason);
    }

    @Test
    void otherTxtRecordsAreDiscarded() {
        StsRecord.Selection s = StsRecord.select(List.of("google-site-verification=x", "v=STSv1; id=1", "v=STSv10; id=2"));

        assertThat(s).isInstanceOf(StsRecord.Selection.Valid.class);
        assertThat(((StsRecord.Selection.Valid) s).record().id()).isEqualTo("1");
    }

    @Test
    void noCandidateIsAbsent() {
        assertThat(StsRecord.select(List.of("v=spf1 -all", "v=STSv2; id=1"))).isInstanceOf(StsRecord.Selection.Absent.class);
        assertThat(StsRecord.select(List.of())).isInstanceOf(StsRecord.Selection.Absent.class);
    }

    @Test
    void twoCandidatesAreMultipleEvenIfOneIsBroken() {
        StsRecord.Selection s = StsRecord.select(List.of("v=STSv1; id=1", "v=STSv1; nonsense"));

        assertThat(s).isInstanceOf(StsRecord.Selection.Multiple.class);
        assertThat(((StsRecord.Selection.Multiple) s).texts()).hasSize(2);
    }

    @Test
    void oneBrokenCandidateIsInvalid() {
        StsRecord.Selection s = StsRecord.select(List.of("v=STSv1; id=not-valid"));

        assertThat(s).isInstanceOf(StsRecord.Selection.Invalid.class);
        assertThat(((StsRecord.Selection.Invalid) s).reason()).contains("not-valid");
    }
}
