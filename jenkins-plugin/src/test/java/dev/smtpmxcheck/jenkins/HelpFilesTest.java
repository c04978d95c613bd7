package dev.smtpmxcheck.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/** The Snippet Generator explains every setting: a help file per setting and one for the step. */
class HelpFilesTest {

    @Test
    void everySettingAndTheStepHaveAHelpFile() {
        List<String> settings = new ArrayList<>(List.of("domain"));
        for (Method m : SmtpMxCheckStep.class.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String name = m.getName().substring("set".length());
                settings.add(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String setting : settings) {
            if (SmtpMxCheckStep.class.getResource("SmtpMxCheckStep/help-" + setting + ".html") == null) {
                missing.add(setting);
            }
        }
        if (SmtpMxCheckStep.class.getResource("SmtpMxCheckStep/help.html") == null) {
            missing.add("(the step's help.html)");
        }

        assertThat(settings, hasSize(35));
        assertThat(missing, empty());
    }
}
