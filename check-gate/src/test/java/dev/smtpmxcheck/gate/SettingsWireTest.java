package dev.smtpmxcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsWireTest {

    /** Every component set to a value that is not its default, nested records included. */
    private static CheckSettings everySettingSet() {
        return new CheckSettings(2525, 42, List.of("127.0.0.2", "127.0.0.3:5353"), "agent.example.test", false,
                "probe@example.test", "relay@example.test", 21, 5, "/etc/ca.pem",
                new CheckSettings.DaneSettings(false, "/etc/anchor.key", true),
                new CheckSettings.Checks(false, false, true, true, true, true, false, 3),
                new CheckSettings.TimeRanges("1", "2", "3", "4", "5", "6"),
                new CheckSettings.CertPercent(33, 10),
                new CheckSettings.Dnsbl(List.of("bl.example.test"), true, true), true);
    }

    @Test
    void everySettingCrossesTheChannel() {
        CheckSettings settings = everySettingSet();

        assertThat(SettingsWire.fromWire(SettingsWire.toWire(settings))).isEqualTo(settings);
    }

    @Test
    void theFixtureLeavesNoComponentUnset() {
        // The round trip above proves something only if every component (and nested one) carries a value.
        assertNoNull(everySettingSet());
    }

    @Test
    void unsetSettingsStayUnset() {
        CheckSettings defaults = new CheckSettings(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        assertThat(SettingsWire.fromWire(SettingsWire.toWire(defaults))).isEqualTo(defaults);
    }

    @Test
    void onlyJdkTypesTravel() {
        assertJdkOnly(SettingsWire.toWire(everySettingSet()));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsName() {
        HashMap<String, Object> wire = SettingsWire.toWire(everySettingSet());
        wire.put("port", "25");

        assertThatThrownBy(() -> SettingsWire.fromWire(wire)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    private static void assertJdkOnly(Object value) {
        assertThat(value.getClass().getName()).startsWith("java.");
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertJdkOnly(k);
                assertJdkOnly(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(SettingsWireTest::assertJdkOnly);
        }
    }

    private static void assertNoNull(Record record) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            assertThat(v).as(record.getClass().getSimpleName() + "." + c.getName()).isNotNull();
            if (v instanceof Record nested) {
                assertNoNull(nested);
            }
        }
    }
}
