package io.sipdrill.load.gatling.internal;

import io.sipdrill.load.gatling.SipConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIPp injection file ({@code -inf}) read as feeder records:
 *
 * <pre>
 * SEQUENTIAL
 * # user;password;anything else
 * 1000001;pw-1000001
 * 1000002;[authentication username=1000002 password=secret];extra
 * </pre>
 *
 * The first line is the order (SEQUENTIAL, RANDOM or USER); each later line is one record,
 * fields separated by {@code ;}. Field 0 becomes {@code user}, field 1 {@code password}, later
 * fields {@code field2}, {@code field3}, …. A SIPp {@code [authentication username=… password=…]}
 * keyword in field 1 supplies the password (and the digest user name, saved as {@code authUser}).
 * Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Every problem (missing file, unreadable file, bad first line, bad user line) is a
 * {@link SipConfigurationException} naming the file and, for content, the line.
 */
public final class SippUsersFile {

    /** The order SIPp reads the lines in. */
    public enum Order {
        /** Line after line, starting over at the end. */
        SEQUENTIAL,
        /** Any line, at random. */
        RANDOM,
        /** Line i for user i (SIPp's per-user mode): in order, starting over at the end. */
        USER
    }

    private static final Pattern AUTH = Pattern.compile(
            "\\[authentication(?:\\s+username=(\\S+?))?(?:\\s+password=(\\S+?))?\\s*]");

    private final Order order;
    private final List<Map<String, Object>> records;

    private SippUsersFile(Order order, List<Map<String, Object>> records) {
        this.order = order;
        this.records = records;
    }

    public Order order() {
        return order;
    }

    /** Records in file order, each an insertion-ordered map. */
    public List<Map<String, Object>> records() {
        return records;
    }

    /**
     * Reads {@code file} from the file system.
     *
     * @throws SipConfigurationException if the file does not exist or is not a valid injection file
     */
    public static SippUsersFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw new SipConfigurationException("feeder file " + file + " is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new SipConfigurationException("feeder file " + file + " does not exist"
                    + (file.isAbsolute() ? "" : " (in " + Path.of("").toAbsolutePath() + ")"));
        }
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SipConfigurationException("cannot read feeder file " + file + ": " + e);
        }
    }

    /**
     * Reads {@code location}: a file-system path, or else a class-path resource (as Gatling's own
     * feeders do, so files under {@code src/test/resources} work by name).
     */
    public static SippUsersFile read(String location) {
        if (location == null || location.isBlank()) {
            throw new SipConfigurationException("feeder file name is empty");
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw new SipConfigurationException("feeder file '" + location + "' is not a valid path: " + e.getReason());
        }
        if (Files.exists(path)) {
            return read(path);
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        String resource = location.startsWith("/") ? location.substring(1) : location;
        try (InputStream in = cl == null ? null : cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SipConfigurationException("feeder file " + location + " does not exist (neither in "
                        + Path.of("").toAbsolutePath() + " nor on the class path, e.g. src/test/resources)");
            }
            return parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SipConfigurationException("cannot read feeder file " + location + ": " + e);
        }
    }

    /** Parses the text of an injection file; {@code source} names it in error messages. */
    public static SippUsersFile parse(String source, String text) {
        String[] lines = text.split("\r\n|\n|\r");
        Order order = null;
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (order == null) {
                order = order(source, i + 1, line);
                continue;
            }
            records.add(record(source, i + 1, line));
        }
        if (order == null) {
            throw new SipConfigurationException("feeder file " + source + " is empty: the first line must be "
                    + "SEQUENTIAL, RANDOM or USER");
        }
        if (records.isEmpty()) {
            throw new SipConfigurationException("feeder file " + source + " has no user lines");
        }
        return new SippUsersFile(order, List.copyOf(records));
    }

    private static Order order(String source, int lineNumber, String line) {
        String word = line.split("[\\s,;:]", 2)[0];
        for (Order o : Order.values()) {
            if (o.name().equals(word.toUpperCase(Locale.ROOT))) {
                return o;
            }
        }
        // Only the first word: a file missing its order line starts with a user's line, password and all.
        throw new SipConfigurationException("feeder file " + source + " line " + lineNumber + ": expected "
                + "SEQUENTIAL, RANDOM or USER as the first line, found '" + word + "'");
    }

    private static Map<String, Object> record(String source, int lineNumber, String line) {
        String[] fields = line.split(";", -1);
        // The line itself is never quoted: it may hold a password (1001,secret or ;secret), and this message reaches CI logs.
        if (fields.length < 2) {
            throw new SipConfigurationException("feeder file " + source + " line " + lineNumber
                    + ": expected user;password[;more], found no ';' (the line is not shown: it may hold a password)");
        }
        if (fields[0].isBlank()) {
            throw new SipConfigurationException("feeder file " + source + " line " + lineNumber
                    + ": expected user;password[;more], found an empty user (the line is not shown: it may hold a password)");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("user", fields[0].strip());
        String password = fields[1].strip();
        Matcher auth = AUTH.matcher(password);
        if (auth.matches()) {
            if (auth.group(1) != null) {
                record.put("authUser", auth.group(1));
            }
            password = auth.group(2) == null ? "" : auth.group(2);
        }
        record.put("password", password);
        for (int f = 2; f < fields.length; f++) {
            record.put("field" + f, fields[f].strip());
        }
        return record;
    }
}
