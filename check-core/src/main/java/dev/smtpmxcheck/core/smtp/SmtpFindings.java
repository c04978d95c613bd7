package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import java.util.List;

/** Findings of the SMTP dialogue and relay probe of one address (everything except certificates). */
public final class SmtpFindings {
    private SmtpFindings() {}

    /**
     * @param mxName the MX host name
     * @param report what the probe saw
     * @return the failure finding (from {@code report.failureCode()}), greeting, EHLO, STARTTLS, AUTH,
     *     banner and relay findings, each with subject {@code Subjects.address(mxName, address, port)}
     */
    public static List<Finding> of(String mxName, AddressReport report) {
        throw new UnsupportedOperationException("TODO: smtp helper");
    }
}
