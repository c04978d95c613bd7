package dev.smtpmxcheck.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.DnsblResult;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers of a blocklist are listings, and what their codes mean (RFC 5782 §2.1, the lists' documentation). */
class DnsblCodesTest {
    private static final String QUERY = "2.0.0.127.zone";

    @ParameterizedTest(name = "{0} answering {1} means {2}")
    @CsvSource(delimiter = '|', textBlock = """
            zen.spamhaus.org       | 127.0.0.2  | SBL: Spamhaus Block List, a spam source or spam operation
            zen.spamhaus.org       | 127.0.0.4  | XBL: exploited host (malware, open proxy, botnet)
            zen.spamhaus.org       | 127.0.0.10 | PBL: the ISP says this address should not send mail directly
            zen.spamhaus.org       | 127.0.0.77 | listed
            bl.spamcop.net         | 127.0.0.2  | SpamCop: reported as a spam source by SpamCop users
            b.barracudacentral.org | 127.0.0.2  | Barracuda Reputation Block List: poor sending reputation
            dnsbl-1.uceprotect.net | 127.0.0.2  | UCEPROTECT level 1: this address sent spam to its traps
            bl.spamcop.net         | 127.0.0.3  | listed
            bl.test                | 127.0.0.2  | listed
            """)
    void aListingCarriesTheListsMeaning(String zone, String code, String meaning) {
        DnsblResult r = DnsblCodes.judge(zone, QUERY, addresses(code), "see https://lists.example/");

        assertThat(r).isEqualTo(new DnsblResult.Listed(zone, QUERY, List.of(code), List.of(meaning),
                "see https://lists.example/"));
    }

    @Test
    void severalCodesAreAllKept() {
        DnsblResult r = DnsblCodes.judge("zen.spamhaus.org", QUERY, addresses("127.0.0.4", "127.0.0.10"), null);

        assertThat(r).isInstanceOf(DnsblResult.Listed.class);
        assertThat(((DnsblResult.Listed) r).codes()).containsExactly("127.0.0.4", "127.0.0.10");
        assertThat(((DnsblResult.Listed) r).meanings()).hasSize(2);
    }

    @ParameterizedTest(name = "{0} answering {1} is no listing: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            zen.spamhaus.org | 127.255.255.254           | REFUSED_BY_LIST | public or open resolver
            zen.spamhaus.org | 127.255.255.255           | REFUSED_BY_LIST | too many queries
            bl.test          | 127.255.255.254           | REFUSED_BY_LIST | not a listing
            bl.test          | 127.0.0.1                 | REFUSED_BY_LIST | RFC 5782 §5
            bl.test          | 192.0.2.80                | NOT_A_LISTING   | outside 127.0.0.0/8
            zen.spamhaus.org | 127.0.0.2 198.51.100.7    | NOT_A_LISTING   | outside 127.0.0.0/8
            zen.spamhaus.org | 127.0.0.2 127.255.255.254 | REFUSED_BY_LIST | public or open resolver
            """)
    void answersThatAreNoListingNeverReadAsListed(String zone, String codes, DnsblResult.Why why, String words) {
        DnsblResult r = DnsblCodes.judge(zone, QUERY, addresses(codes.split(" ")), "reason");

        assertThat(r).isInstanceOf(DnsblResult.Unchecked.class);
        DnsblResult.Unchecked u = (DnsblResult.Unchecked) r;
        assertThat(u.why()).isEqualTo(why);
        assertThat(u.codes()).containsExactly(codes.split(" "));
        assertThat(u.detail()).contains(words);
    }

    @Test
    void noRecordsIsNotListed() {
        assertThat(DnsblCodes.judge("bl.test", QUERY, List.of(), null))
                .isEqualTo(new DnsblResult.NotListed("bl.test", QUERY));
    }

    private static List<InetAddress> addresses(String... literals) {
        return Arrays.stream(literals).map(DnsblLookupTest::ip).toList();
    }
}
