package dev.smtpmxcheck.core.report;

/**
 * The server's opening reply (RFC 5321 §4.3.2) and what it tells about the server.
 *
 * @param reply the reply; a healthy server sends 220, 421 and 554 refuse the session
 * @param millis milliseconds from connection established to the end of the greeting
 * @param announcedHost the host name the server announces (first word after the code), or null
 * @param software the MTA software recognised in the banner ("Postfix", "Exim", "Microsoft ESMTP MAIL Service"...), or null
 * @param version the software version the banner leaks ("4.96"), or null
 */
public record Greeting(SmtpReply reply, long millis, String announcedHost, String software, String version) {}
