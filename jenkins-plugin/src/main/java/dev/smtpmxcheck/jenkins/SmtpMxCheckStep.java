package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.gate.BuildResult;
import dev.smtpmxcheck.gate.CheckSettings;
import dev.smtpmxcheck.gate.GateSettings;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Pipeline step {@code smtpMxCheck domain: 'example.com'}: checks the domain's inbound mail transport on the
 * agent (MX, SMTP, STARTTLS, certificates, open relay; never DATA), records the report on the build, compares it
 * with the domain's report in the previous completed build and sets the build result (see
 * {@link dev.smtpmxcheck.gate.Gate}). Returns the {@link dev.smtpmxcheck.gate.PipelineMap}.
 *
 * <p>Check settings mirror {@code check_smtp_mx}'s options; unset values keep the check's defaults (DANE, MTA-STS,
 * TLS-RPT and reverse DNS on; TLS version scan, relay variants and STARTTLS injection test off; no time
 * thresholds). Gate settings:
 * {@code failOn} (default CRITICAL), {@code unstableOn} (default NEVER), {@code failOnRegression} (default true)
 * and {@code regressionResult} (FAILURE or UNSTABLE, default FAILURE).
 */
public final class SmtpMxCheckStep extends Step {

    private final String domain;
    private int port = 25;
    private int timeout = (int) CheckOptions.DEFAULT_TIMEOUT.getSeconds();
    private String dnsServer = "";
    private String ehloName = "";
    private boolean relayProbe = true;
    private boolean postmasterTest = true;
    private String relayFrom = "";
    private String relayTo = "";
    private int certWarningDays = 30;
    private int certCriticalDays = 7;
    private Integer certWarningPercent;
    private Integer certCriticalPercent;
    private String dnsbl = "";
    private boolean dnsblDefault;
    private boolean dnsblCritical;
    private String caFile = "";
    private boolean dane = true;
    private String trustAnchor = "";
    private boolean dnssecTrustAd;
    private boolean mtaSts = true;
    private boolean tlsRpt = true;
    private boolean reverseDns = true;
    private boolean tlsScan;
    private Integer probes;
    private boolean requireTls;
    private boolean relayVariants;
    private boolean starttlsInjectionTest;
    private String warningTime = "";
    private String criticalTime = "";
    private String warningConnect = "";
    private String criticalConnect = "";
    private String warningTotal = "";
    private String criticalTotal = "";
    private String failOn = "CRITICAL";
    private String unstableOn = GateSettings.NEVER;
    private boolean failOnRegression = true;
    private String regressionResult = "FAILURE";

    /** @param domain the domain whose MX hosts are checked (Unicode or A-labels) */
    @DataBoundConstructor
    public SmtpMxCheckStep(String domain) {
        this.domain = Util.fixNull(domain).trim();
    }

    public String getDomain() {
        return domain;
    }

    public int getPort() {
        return port;
    }

    /** @param port the SMTP port, 1 to 65535 (default 25) */
    @DataBoundSetter
    public void setPort(int port) {
        this.port = port;
    }

    public int getTimeout() {
        return timeout;
    }

    /** @param timeout the overall deadline of the check in seconds (default 30); each stage waits at most 10 s */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public String getDnsServer() {
        return dnsServer;
    }

    /** @param dnsServer resolvers as {@code host[:port]}, separated by spaces or commas; empty for the agent's */
    @DataBoundSetter
    public void setDnsServer(String dnsServer) {
        this.dnsServer = Util.fixNull(dnsServer).trim();
    }

    public String getEhloName() {
        return ehloName;
    }

    /** @param ehloName the name sent with EHLO; empty for the agent's fully qualified host name */
    @DataBoundSetter
    public void setEhloName(String ehloName) {
        this.ehloName = Util.fixNull(ehloName).trim();
    }

    public boolean isRelayProbe() {
        return relayProbe;
    }

    /** @param relayProbe whether to run the open-relay probe (MAIL FROM, RCPT TO, RSET; never DATA) */
    @DataBoundSetter
    public void setRelayProbe(boolean relayProbe) {
        this.relayProbe = relayProbe;
    }

    public boolean isPostmasterTest() {
        return postmasterTest;
    }

    /**
     * @param postmasterTest whether each MX is asked whether it takes mail for postmaster@domain (MAIL FROM, RCPT TO,
     *     RSET after the relay probe; never DATA; RFC 5321 §4.5.1); default true
     */
    @DataBoundSetter
    public void setPostmasterTest(boolean postmasterTest) {
        this.postmasterTest = postmasterTest;
    }

    public String getRelayFrom() {
        return relayFrom;
    }

    /** @param relayFrom the relay probe's MAIL FROM address; empty for relay-probe@example.org */
    @DataBoundSetter
    public void setRelayFrom(String relayFrom) {
        this.relayFrom = Util.fixNull(relayFrom).trim();
    }

    public String getRelayTo() {
        return relayTo;
    }

    /** @param relayTo the relay probe's RCPT TO address; empty for relay-probe@example.net */
    @DataBoundSetter
    public void setRelayTo(String relayTo) {
        this.relayTo = Util.fixNull(relayTo).trim();
    }

    public int getCertWarningDays() {
        return certWarningDays;
    }

    /** @param certWarningDays WARNING when a certificate expires within this many days (default 30) */
    @DataBoundSetter
    public void setCertWarningDays(int certWarningDays) {
        this.certWarningDays = certWarningDays;
    }

    public int getCertCriticalDays() {
        return certCriticalDays;
    }

    /** @param certCriticalDays CRITICAL when a certificate expires within this many days (default 7) */
    @DataBoundSetter
    public void setCertCriticalDays(int certCriticalDays) {
        this.certCriticalDays = certCriticalDays;
    }

    public Integer getCertWarningPercent() {
        return certWarningPercent;
    }

    /**
     * @param certWarningPercent WARNING when less than this share (percent, 0 to 100) of the server certificate's
     *     lifetime is left ({@code check_smtp_mx -w 33%}); replaces {@code certWarningDays} for it; null for days
     */
    @DataBoundSetter
    public void setCertWarningPercent(Integer certWarningPercent) {
        this.certWarningPercent = certWarningPercent;
    }

    public Integer getCertCriticalPercent() {
        return certCriticalPercent;
    }

    /**
     * @param certCriticalPercent CRITICAL when less than this share (percent, 0 to 100) of the server certificate's
     *     lifetime is left ({@code check_smtp_mx -c 10%}); replaces {@code certCriticalDays} for it; null for days
     */
    @DataBoundSetter
    public void setCertCriticalPercent(Integer certCriticalPercent) {
        this.certCriticalPercent = certCriticalPercent;
    }

    public String getDnsbl() {
        return dnsbl;
    }

    /**
     * @param dnsbl DNS blocklist zones (RFC 5782) every MX address is looked up in, separated by spaces or commas
     *     ({@code check_smtp_mx --dnsbl}); empty for none
     */
    @DataBoundSetter
    public void setDnsbl(String dnsbl) {
        this.dnsbl = Util.fixNull(dnsbl).trim();
    }

    public boolean isDnsblDefault() {
        return dnsblDefault;
    }

    /** @param dnsblDefault whether the documented default blocklists are asked too ({@code --dnsbl-default}; default false) */
    @DataBoundSetter
    public void setDnsblDefault(boolean dnsblDefault) {
        this.dnsblDefault = dnsblDefault;
    }

    public boolean isDnsblCritical() {
        return dnsblCritical;
    }

    /** @param dnsblCritical whether a blocklist listing is CRITICAL instead of WARNING ({@code --dnsbl-critical}; default false) */
    @DataBoundSetter
    public void setDnsblCritical(boolean dnsblCritical) {
        this.dnsblCritical = dnsblCritical;
    }

    /** The blocklist zones, split on spaces and commas. */
    List<String> dnsblZones() {
        return splitServers(dnsbl);
    }

    public String getCaFile() {
        return caFile;
    }

    /** @param caFile a PEM file of extra trust anchors, a path on the agent; empty for none */
    @DataBoundSetter
    public void setCaFile(String caFile) {
        this.caFile = Util.fixNull(caFile).trim();
    }

    public boolean isDane() {
        return dane;
    }

    /** @param dane whether TLSA records are looked up and matched (DANE, RFC 7672; default true) */
    @DataBoundSetter
    public void setDane(boolean dane) {
        this.dane = dane;
    }

    public String getTrustAnchor() {
        return trustAnchor;
    }

    /**
     * @param trustAnchor a file on the agent with DS or DNSKEY records (zone-file syntax) DANE validates DNSSEC from;
     *     empty for the IANA root anchors. Excludes {@code dnssecTrustAd}
     */
    @DataBoundSetter
    public void setTrustAnchor(String trustAnchor) {
        this.trustAnchor = Util.fixNull(trustAnchor).trim();
    }

    public boolean isDnssecTrustAd() {
        return dnssecTrustAd;
    }

    /** @param dnssecTrustAd validate nothing, trust the AD bit of the resolvers (default false) */
    @DataBoundSetter
    public void setDnssecTrustAd(boolean dnssecTrustAd) {
        this.dnssecTrustAd = dnssecTrustAd;
    }

    public boolean isMtaSts() {
        return mtaSts;
    }

    /** @param mtaSts whether the domain's MTA-STS policy is looked up, fetched and judged (RFC 8461; default true) */
    @DataBoundSetter
    public void setMtaSts(boolean mtaSts) {
        this.mtaSts = mtaSts;
    }

    public boolean isTlsRpt() {
        return tlsRpt;
    }

    /** @param tlsRpt whether the domain's TLS-RPT record is looked up and judged (RFC 8460; default true) */
    @DataBoundSetter
    public void setTlsRpt(boolean tlsRpt) {
        this.tlsRpt = tlsRpt;
    }

    public boolean isReverseDns() {
        return reverseDns;
    }

    /** @param reverseDns whether the PTR records of each address and their forward confirmation are checked (default true) */
    @DataBoundSetter
    public void setReverseDns(boolean reverseDns) {
        this.reverseDns = reverseDns;
    }

    public boolean isTlsScan() {
        return tlsScan;
    }

    /** @param tlsScan whether the TLS version scan runs: seven more connections per STARTTLS address (default false) */
    @DataBoundSetter
    public void setTlsScan(boolean tlsScan) {
        this.tlsScan = tlsScan;
    }

    public Integer getProbes() {
        return probes;
    }

    /**
     * @param probes sessions per address ({@code check_smtp_mx --probes N}): 2 to 10 compare N sessions and report
     *     when they differ (PROBES_DISAGREE), at N - 1 more connections per address; null for one session
     */
    @DataBoundSetter
    public void setProbes(Integer probes) {
        this.probes = probes;
    }

    public boolean isRequireTls() {
        return requireTls;
    }

    /**
     * @param requireTls the domain's partners require verified TLS: opportunistic senders are judged as verifying
     *     ones, so that every TLS failure is CRITICAL (as {@code check_smtp_mx --require-tls}; default false)
     */
    @DataBoundSetter
    public void setRequireTls(boolean requireTls) {
        this.requireTls = requireTls;
    }

    public boolean isRelayVariants() {
        return relayVariants;
    }

    /** @param relayVariants whether the nine relay-test address forms follow the relay probe (default false) */
    @DataBoundSetter
    public void setRelayVariants(boolean relayVariants) {
        this.relayVariants = relayVariants;
    }

    public boolean isStarttlsInjectionTest() {
        return starttlsInjectionTest;
    }

    /** @param starttlsInjectionTest whether the STARTTLS command-injection test (CVE-2011-0411) runs (default false) */
    @DataBoundSetter
    public void setStarttlsInjectionTest(boolean starttlsInjectionTest) {
        this.starttlsInjectionTest = starttlsInjectionTest;
    }

    public String getWarningTime() {
        return warningTime;
    }

    /** @param warningTime greeting-time range in seconds (Monitoring Plugins syntax); empty for none */
    @DataBoundSetter
    public void setWarningTime(String warningTime) {
        this.warningTime = Util.fixNull(warningTime).trim();
    }

    public String getCriticalTime() {
        return criticalTime;
    }

    /** @param criticalTime greeting-time range in seconds for CRITICAL; empty for none */
    @DataBoundSetter
    public void setCriticalTime(String criticalTime) {
        this.criticalTime = Util.fixNull(criticalTime).trim();
    }

    public String getWarningConnect() {
        return warningConnect;
    }

    /** @param warningConnect TCP connect-time range in seconds; empty for none */
    @DataBoundSetter
    public void setWarningConnect(String warningConnect) {
        this.warningConnect = Util.fixNull(warningConnect).trim();
    }

    public String getCriticalConnect() {
        return criticalConnect;
    }

    /** @param criticalConnect TCP connect-time range in seconds for CRITICAL; empty for none */
    @DataBoundSetter
    public void setCriticalConnect(String criticalConnect) {
        this.criticalConnect = Util.fixNull(criticalConnect).trim();
    }

    public String getWarningTotal() {
        return warningTotal;
    }

    /** @param warningTotal range in seconds for the total time of each address (connect to QUIT); empty for none */
    @DataBoundSetter
    public void setWarningTotal(String warningTotal) {
        this.warningTotal = Util.fixNull(warningTotal).trim();
    }

    public String getCriticalTotal() {
        return criticalTotal;
    }

    /** @param criticalTotal range in seconds for the total time of each address, for CRITICAL; empty for none */
    @DataBoundSetter
    public void setCriticalTotal(String criticalTotal) {
        this.criticalTotal = Util.fixNull(criticalTotal).trim();
    }

    public String getFailOn() {
        return failOn;
    }

    /** @param failOn WARNING, CRITICAL, UNKNOWN or NEVER: the state from which the build fails (default CRITICAL) */
    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = Util.fixNull(failOn).trim();
    }

    public String getUnstableOn() {
        return unstableOn;
    }

    /** @param unstableOn WARNING, CRITICAL, UNKNOWN or NEVER: the state from which the build is UNSTABLE (default NEVER) */
    @DataBoundSetter
    public void setUnstableOn(String unstableOn) {
        this.unstableOn = Util.fixNull(unstableOn).trim();
    }

    public boolean isFailOnRegression() {
        return failOnRegression;
    }

    /** @param failOnRegression whether a regression since the previous build changes the result (default true) */
    @DataBoundSetter
    public void setFailOnRegression(boolean failOnRegression) {
        this.failOnRegression = failOnRegression;
    }

    public String getRegressionResult() {
        return regressionResult;
    }

    /** @param regressionResult FAILURE or UNSTABLE: what a regression makes of the build (default FAILURE) */
    @DataBoundSetter
    public void setRegressionResult(String regressionResult) {
        this.regressionResult = Util.fixNull(regressionResult).trim();
    }

    /** The resolvers, split on spaces and commas. */
    List<String> dnsServers() {
        return splitServers(dnsServer);
    }

    /** {@code text} split on spaces and commas, without empty entries. */
    static List<String> splitServers(String text) {
        List<String> out = new ArrayList<>();
        for (String s : Util.fixNull(text).split("[\\s,]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The gate settings.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown state or result name
     */
    GateSettings gateSettings() {
        State fail = GateSettings.parseThreshold("failOn", failOn, State.CRITICAL);
        State unstable = GateSettings.parseThreshold("unstableOn", unstableOn, null);
        BuildResult regression = regressionResult.isEmpty() ? BuildResult.FAILURE
                : BuildResult.parseRegressionResult(regressionResult);
        return new GateSettings(fail, unstable, failOnRegression, regression);
    }

    /**
     * The check settings as the agent gets them ({@link RemoteCheck} copies the same values as JDK types).
     * The EHLO name is resolved on the agent.
     */
    CheckSettings checkSettings() {
        return new CheckSettings(port, timeout, dnsServers(), ehloName, relayProbe, relayFrom, relayTo, certWarningDays,
                certCriticalDays, caFile, new CheckSettings.DaneSettings(dane, trustAnchor, dnssecTrustAd),
                new CheckSettings.Checks(mtaSts, tlsRpt, reverseDns, tlsScan, relayVariants, starttlsInjectionTest,
                        postmasterTest, probes),
                new CheckSettings.TimeRanges(warningTime, criticalTime, warningConnect, criticalConnect, warningTotal,
                        criticalTotal),
                new CheckSettings.CertPercent(certWarningPercent, certCriticalPercent),
                new CheckSettings.Dnsbl(dnsblZones(), dnsblDefault, dnsblCritical), requireTls);
    }

    /**
     * A one-line problem with the domain, a number, contradicting settings or a malformed range, resolver, EHLO name
     * or relay address, or null when the step can run. The rules are the core's
     * ({@link dev.smtpmxcheck.core.OptionPlan}); files (CA file, trust anchor) are read on the agent.
     */
    String problem() {
        String p = CheckSettings.checkDomain(domain);
        return p != null ? p : checkSettings().problem();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new SmtpMxCheckExecution(context, this);
    }

    /** The step's name, form and form validation. */
    @Extension
    @Symbol("smtpMxCheck")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "smtpMxCheck";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Check a domain's inbound mail transport (MX, SMTP, STARTTLS, certificates, open relay)";
        }

        /**
         * Lets form validation run only for someone who may configure the job whose Snippet Generator or
         * configuration page asks (Jenkins READ where no job is in the URL). The validations only parse strings,
         * but they are reachable by URL.
         *
         * @throws org.springframework.security.access.AccessDeniedException without that permission
         */
        private static void checkConfigure(Item item) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.READ);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
        }

        /** A workspace ({@code node}), because the check runs on the agent. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, FlowNode.class);
        }

        /** Error unless {@code value} is a domain name (Unicode or A-labels, RFC 5890). */
        @POST
        public FormValidation doCheckDomain(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            String p = CheckSettings.checkDomain(value);
            return p == null ? FormValidation.ok() : FormValidation.error(p);
        }

        /** Error unless {@code value} is a port, 1 to 65535. */
        @POST
        public FormValidation doCheckPort(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return number(value, CheckSettings::checkPort);
        }

        /** Error unless {@code value} is 1 to 3600 seconds. */
        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return number(value, CheckSettings::checkTimeout);
        }

        /** Error unless 0 &le; {@code value} (critical days) &le; {@code certWarningDays}. */
        @POST
        public FormValidation doCheckCertCriticalDays(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String certWarningDays) {
            checkConfigure(item);
            try {
                String p = CheckSettings.checkCertDays(Integer.parseInt(Util.fixNull(certWarningDays).trim()),
                        Integer.parseInt(Util.fixNull(value).trim()));
                return p == null ? FormValidation.ok() : FormValidation.error(p);
            } catch (NumberFormatException e) {
                return FormValidation.error("a whole number of days is required");
            }
        }

        /** Error unless every space- or comma-separated entry is {@code host[:port]}, IPv6 or {@code [IPv6]:port}. */
        @POST
        public FormValidation doCheckDnsServer(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkDnsServers(splitServers(value)));
        }

        /** Error when the trust anchor goes with DANE off or with {@code dnssecTrustAd}. */
        @POST
        public FormValidation doCheckTrustAnchor(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter boolean dane, @QueryParameter boolean dnssecTrustAd) {
            checkConfigure(item);
            return problem(CheckSettings.checkDane(dane, value, dnssecTrustAd));
        }

        /** Error when trusting the AD bit goes with DANE off or with a trust anchor. */
        @POST
        public FormValidation doCheckDnssecTrustAd(@AncestorInPath Item item, @QueryParameter boolean value,
                @QueryParameter boolean dane, @QueryParameter String trustAnchor) {
            checkConfigure(item);
            return problem(CheckSettings.checkDane(dane, trustAnchor, value));
        }

        /** Error when the relay variants are asked for without the relay probe. */
        @POST
        public FormValidation doCheckRelayVariants(@AncestorInPath Item item, @QueryParameter boolean value,
                @QueryParameter boolean relayProbe) {
            checkConfigure(item);
            return problem(CheckSettings.checkRelayVariants(relayProbe, value));
        }

        /** Error unless {@code value} is empty or a range (Monitoring Plugins syntax). */
        @POST
        public FormValidation doCheckWarningTime(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkRange("warningTime", value));
        }

        /** Error unless {@code value} is empty or a range (Monitoring Plugins syntax). */
        @POST
        public FormValidation doCheckCriticalTime(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkRange("criticalTime", value));
        }

        /** Error unless {@code value} is empty or a range (Monitoring Plugins syntax). */
        @POST
        public FormValidation doCheckWarningConnect(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkRange("warningConnect", value));
        }

        /** Error unless {@code value} is empty or a range (Monitoring Plugins syntax). */
        @POST
        public FormValidation doCheckCriticalConnect(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkRange("criticalConnect", value));
        }

        /** Error unless {@code value} is empty or a range (Monitoring Plugins syntax). */
        @POST
        public FormValidation doCheckWarningTotal(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkRange("warningTotal", value));
        }

        /** Error unless {@code value} is empty or a range (Monitoring Plugins syntax). */
        @POST
        public FormValidation doCheckCriticalTotal(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return problem(CheckSettings.checkRange("criticalTotal", value));
        }

        /** Error unless both shares are empty or 0 to 100, and the critical one does not exceed the warning one. */
        @POST
        public FormValidation doCheckCertCriticalPercent(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String certWarningPercent) {
            checkConfigure(item);
            try {
                return problem(CheckSettings.checkCertPercent(optionalNumber(certWarningPercent), optionalNumber(value)));
            } catch (NumberFormatException e) {
                return FormValidation.error("a whole number of percent is required, or nothing");
            }
        }

        /** Error unless every zone is a domain name, and a listing made CRITICAL has a list to look in. */
        @POST
        public FormValidation doCheckDnsbl(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter boolean dnsblDefault, @QueryParameter boolean dnsblCritical) {
            checkConfigure(item);
            return problem(CheckSettings.checkDnsbl(splitServers(value), dnsblDefault, dnsblCritical));
        }

        /** CRITICAL, WARNING, UNKNOWN, NEVER. */
        public ListBoxModel doFillFailOnItems() {
            return states();
        }

        /** CRITICAL, WARNING, UNKNOWN, NEVER. */
        public ListBoxModel doFillUnstableOnItems() {
            return states();
        }

        /** FAILURE, UNSTABLE. */
        public ListBoxModel doFillRegressionResultItems() {
            ListBoxModel m = new ListBoxModel();
            m.add("FAILURE");
            m.add("UNSTABLE");
            return m;
        }

        private static ListBoxModel states() {
            ListBoxModel m = new ListBoxModel();
            for (String s : Arrays.asList("CRITICAL", "WARNING", "UNKNOWN", GateSettings.NEVER)) {
                m.add(s);
            }
            return m;
        }

        private static FormValidation problem(String problem) {
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        /** The number in {@code value}, or null when it is blank. */
        private static Integer optionalNumber(String value) {
            String t = Util.fixNull(value).trim();
            return t.isEmpty() ? null : Integer.valueOf(t);
        }

        private static FormValidation number(String value, java.util.function.IntFunction<String> check) {
            try {
                String p = check.apply(Integer.parseInt(Util.fixNull(value).trim()));
                return p == null ? FormValidation.ok() : FormValidation.error(p);
            } catch (NumberFormatException e) {
                return FormValidation.error("a whole number is required");
            }
        }
    }
}
