package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class Icinga2ApiSinkTest {

    @Test
    void bodyNamesTheServiceThroughFilterVarsAndCarriesTheResult() throws Exception {
        PassiveResult r = new PassiveResult("mail \"x\"", "smtp && true", 2, "ignored", "SMTP MX CRITICAL - bad\nline 2",
                List.of("a=1;;;0", "'b c'=2s"));

        JsonNode body = StdoutSink.MAPPER.readTree(Icinga2ApiSink.body(r, "satellite1.example.net"));

        assertThat(body.get("type").asText()).isEqualTo("Service");
        assertThat(body.get("filter").asText()).isEqualTo("host.name==smtp_mx_host && service.name==smtp_mx_service");
        assertThat(body.get("filter_vars").get("smtp_mx_host").asText()).isEqualTo("mail \"x\"");
        assertThat(body.get("filter_vars").get("smtp_mx_service").asText()).isEqualTo("smtp && true");
        assertThat(body.get("exit_status").asInt()).isEqualTo(2);
        assertThat(body.get("plugin_output").asText()).isEqualTo("SMTP MX CRITICAL - bad\nline 2");
        assertThat(body.get("performance_data")).extracting(JsonNode::asText).containsExactly("a=1;;;0", "'b c'=2s");
        assertThat(body.get("check_source").asText()).isEqualTo("satellite1.example.net");
    }

    @Test
    void onlyA200WithEveryResultCode200IsSuccess() {
        assertThat(Icinga2ApiSink.problem(200, "{\"results\":[{\"code\":200.0,\"status\":\"Successfully processed\"}]}"))
                .isNull();
        assertThat(Icinga2ApiSink.problem(404, "{\"error\":404.0,\"status\":\"No objects found.\"}"))
                .isEqualTo("HTTP 404 No objects found.");
        assertThat(Icinga2ApiSink.problem(401, "<h1>Unauthorized</h1>")).isEqualTo("HTTP 401");
        assertThat(Icinga2ApiSink.problem(500, "{\"results\":[]}"))
                .isEqualTo("no such service: the API answered HTTP 500 with no result");
        assertThat(Icinga2ApiSink.problem(200, "{}")).isEqualTo("the API answered HTTP 200 without a result");
        assertThat(Icinga2ApiSink.problem(200, "{\"results\":[{\"code\":409.0,\"status\":\"Service is not passive\"}]}"))
                .isEqualTo("the API answered 409 Service is not passive");
    }

    @Test
    void credentialsFileHasUserAndPasswordAndNeverEchoesTheSecret() {
        Icinga2ApiSink.Credentials c = Icinga2ApiSink.Credentials.parse("# batch user\nuser = smtp-mx\npassword = s=cret \n");

        assertThat(c).isEqualTo(new Icinga2ApiSink.Credentials("smtp-mx", "s=cret"));
        assertThatThrownBy(() -> Icinga2ApiSink.Credentials.parse("user = a\n"))
                .hasMessageContaining("needs a line 'user = NAME' and a line 'password = SECRET'");
        assertThatThrownBy(() -> Icinga2ApiSink.Credentials.parse("user = a\ntopsecret\n"))
                .hasMessage("line 2 is not 'user = NAME' or 'password = SECRET'");
    }
}
