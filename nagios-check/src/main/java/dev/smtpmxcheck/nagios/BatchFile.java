package dev.smtpmxcheck.nagios;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The batch file of {@code check_smtp_mx --batch FILE}: one check per line, read without I/O from its text.
 *
 * <pre>
 * # comment lines and blank lines are ignored; a '#' after white space starts a comment too
 * example.com
 * example.org --no-relay-test -e mail.example.net
 * -H mx1.example.net --no-mta-sts --engine-host mail-servers --engine-service smtp-mx1
 * -D 'example.de' -t 20:WARNING
 * </pre>
 *
 * <p>A line is split into words as a POSIX shell would split it without expansions: white space separates, single
 * quotes keep everything up to the next single quote, double quotes keep everything up to the next double quote
 * except that {@code \"} and {@code \\} inside stand for {@code "} and {@code \}, and a backslash outside quotes
 * keeps the next character. A line whose first word does not start with {@code -} names a domain: {@code example.com
 * -e x} is {@code -D example.com -e x}. The other words are the options of the command line
 * ({@link PluginArguments}), with two more that name the objects in the monitoring engine:
 * {@code --engine-host NAME} and {@code --engine-service NAME} (also with {@code =}).
 */
public final class BatchFile {

    /** The per-line option naming the engine's host object. */
    public static final String ENGINE_HOST = "--engine-host";
    /** The per-line option naming the engine's service object. */
    public static final String ENGINE_SERVICE = "--engine-service";

    private BatchFile() {}

    /**
     * One line of the batch file that names a check, before its options are parsed.
     *
     * @param line the line number, from 1
     * @param args the words of the line as command-line arguments, a leading domain already turned into
     *     {@code -D domain}, without the engine options
     * @param engineHost the host object name given with {@code --engine-host}, or null
     * @param engineService the service object name given with {@code --engine-service}, or null
     * @param error why the line cannot be read (a quote left open, an engine option without a value), or null
     */
    public record Line(int line, List<String> args, String engineHost, String engineService, String error) {
        /** Copies the arguments; requires them. */
        public Line {
            args = List.copyOf(args);
        }
    }

    /**
     * The checks named by a batch file's text, in file order.
     *
     * @param text the whole file
     * @return one {@link Line} per line that is neither blank nor a comment; a line that cannot be split into
     *     words still yields a line, with its {@link Line#error()}
     */
    public static List<Line> parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<String> words;
            try {
                words = words(lines[i]);
            } catch (IllegalArgumentException e) {
                out.add(new Line(i + 1, List.of(), null, null, e.getMessage()));
                continue;
            }
            if (words.isEmpty()) {
                continue;
            }
            out.add(line(i + 1, words));
        }
        return out;
    }

    private static Line line(int number, List<String> words) {
        List<String> args = new ArrayList<>();
        String host = null;
        String service = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == 0 && !w.startsWith("-")) {
                args.add("-D");
                args.add(w);
                continue;
            }
            String option = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            if (option.equals(ENGINE_HOST) || option.equals(ENGINE_SERVICE)) {
                String value;
                if (w.contains("=")) {
                    value = w.substring(w.indexOf('=') + 1);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    return new Line(number, List.of(), null, null, "option " + option + " needs a value");
                }
                if (option.equals(ENGINE_HOST)) {
                    host = value;
                } else {
                    service = value;
                }
                continue;
            }
            args.add(w);
        }
        return new Line(number, args, host, service, null);
    }

    /**
     * The words of one line, split as described in the class comment; a {@code #} at the start of a word begins a
     * comment that runs to the end of the line.
     *
     * @throws IllegalArgumentException when a quote is not closed or the line ends in a backslash
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote is not closed");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                        d = line.charAt(++i);
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("a double quote is not closed");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("the line ends in a backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
