package io.sipdrill.environments.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded mutation fuzzer for SIP datagrams: the same seed gives the same mutations, so a failure
 * found in CI replays on a laptop. Each call applies one to three mutations to a valid message:
 * bit and byte flips, truncation, lines inserted, deleted, duplicated or swapped, numbers made huge
 * or negative, random bytes, header-name case and separator games, and CRLF games.
 *
 * <pre>{@code
 * SipMutator fuzz = new SipMutator(42);
 * SipMutator.Mutated m = fuzz.mutate(validBytes); // m.bytes() to send, m.applied() to report
 * }</pre>
 */
public final class SipMutator {

    /** What one mutation does to the message. */
    public enum Mutation {
        BIT_FLIP, BYTE_SET, TRUNCATE, INSERT_LINE, DELETE_LINE, DUPLICATE_LINE, SWAP_LINES,
        HUGE_NUMBER, RANDOM_BYTES, HEADER_CASE, CRLF_GAME
    }

    /** A mutated datagram and the mutations that made it. */
    public record Mutated(byte[] bytes, List<Mutation> applied) {
    }

    private static final String[] INSERTED_LINES = {
        "Content-Length: -1", "Content-Length: 4294967296", "CSeq: 0 REGISTER", "Via: SIP/2.0/UDP",
        "Call-ID:", "From: \"unterminated <sip:x@y>", "To: <sip:>", ":", "Contact: *", "Expires: -5",
        "Max-Forwards: -1", "Route: <sip:127.0.35.250;lr>", "X-\u0000: nul", "Content-Type: multipart/mixed;boundary=",
        "WWW-Authenticate: Digest nonce=\"", "Require: 100rel, timer, unknown-ext", "Record-Route: <garbage>",
        "v: SIP/2.0/TLS 127.0.35.9:99999999", "Allow: " + "INVITE,".repeat(200)
    };
    private static final String[] HUGE = {"4294967296", "99999999999999999999999", "-1", "-2147483649", "0",
        "18446744073709551616", "1e9", "0x7fffffff", "000000000000000000001"};
    private static final byte[][] LINE_ENDS = {
        "\n".getBytes(StandardCharsets.ISO_8859_1), "\r".getBytes(StandardCharsets.ISO_8859_1),
        "\r\r\n".getBytes(StandardCharsets.ISO_8859_1), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
        "\r\n ".getBytes(StandardCharsets.ISO_8859_1), new byte[0]};

    private final SplittableRandom random;

    public SipMutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public Mutated mutate(byte[] valid) {
        Mutation[] all = Mutation.values();
        int count = 1 + random.nextInt(3);
        byte[] out = valid;
        List<Mutation> applied = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Mutation m = all[random.nextInt(all.length)];
            out = apply(m, out);
            applied.add(m);
        }
        return new Mutated(out, List.copyOf(applied));
    }

    private byte[] apply(Mutation m, byte[] in) {
        if (in.length == 0) {
            return randomBytes(1 + random.nextInt(64));
        }
        switch (m) {
            case BIT_FLIP: {
                byte[] out = in.clone();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case BYTE_SET: {
                byte[] out = in.clone();
                byte[] interesting = {0, (byte) 0xff, '\r', '\n', ' ', ':', ';', '"', '<', '>', '%', '\t', (byte) 0x80};
                out[random.nextInt(out.length)] = interesting[random.nextInt(interesting.length)];
                return out;
            }
            case TRUNCATE:
                return java.util.Arrays.copyOf(in, random.nextInt(in.length));
            case RANDOM_BYTES: {
                int at = random.nextInt(in.length + 1);
                return splice(in, at, at, randomBytes(1 + random.nextInt(32)));
            }
            case HUGE_NUMBER:
                return hugeNumber(in);
            default:
                return lineMutation(m, in);
        }
    }

    /** Replaces one run of digits (CSeq, Content-Length, Expires, port, status code…) with an extreme value. */
    private byte[] hugeNumber(byte[] in) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < in.length; ) {
            if (in[i] >= '0' && in[i] <= '9') {
                int start = i;
                while (i < in.length && in[i] >= '0' && in[i] <= '9') {
                    i++;
                }
                runs.add(new int[]{start, i});
            } else {
                i++;
            }
        }
        if (runs.isEmpty()) {
            return in;
        }
        int[] run = runs.get(random.nextInt(runs.size()));
        return splice(in, run[0], run[1], HUGE[random.nextInt(HUGE.length)].getBytes(StandardCharsets.ISO_8859_1));
    }

    private byte[] lineMutation(Mutation m, byte[] in) {
        List<byte[]> lines = splitLines(in);
        int n = lines.size();
        int i = random.nextInt(n);
        switch (m) {
            case INSERT_LINE ->
                lines.add(random.nextInt(n + 1), INSERTED_LINES[random.nextInt(INSERTED_LINES.length)].getBytes(StandardCharsets.ISO_8859_1));
            case DELETE_LINE -> lines.remove(i);
            case DUPLICATE_LINE -> lines.add(i, lines.get(i).clone());
            case SWAP_LINES -> {
                int j = random.nextInt(n);
                byte[] t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            case HEADER_CASE -> lines.set(i, caseGame(lines.get(i)));
            case CRLF_GAME -> {
                return joinWithOneOddEnd(lines, i, LINE_ENDS[random.nextInt(LINE_ENDS.length)]);
            }
            default -> throw new IllegalStateException("not a line mutation: " + m);
        }
        return joinWithOneOddEnd(lines, -1, null);
    }

    /** Flips the case of a header name's letters, or plays with the space around its colon. */
    private byte[] caseGame(byte[] line) {
        String s = new String(line, StandardCharsets.ISO_8859_1);
        int colon = s.indexOf(':');
        if (colon < 0 || random.nextBoolean()) {
            StringBuilder sb = new StringBuilder(s);
            int end = colon < 0 ? s.length() : colon;
            for (int k = 0; k < end; k++) {
                char c = sb.charAt(k);
                sb.setCharAt(k, random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        String[] separators = {" : ", ":", "\t:\t", "::", " ", ": \r\n ", "="};
        return (s.substring(0, colon) + separators[random.nextInt(separators.length)] + s.substring(colon + 1).stripLeading())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> splitLines(byte[] in) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < in.length; i++) {
            if (in[i] == '\r' && in[i + 1] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(in, start, i));
                start = i + 2;
                i++;
            }
        }
        lines.add(java.util.Arrays.copyOfRange(in, start, in.length));
        return lines;
    }

    /** Joins with CRLF, except after line {@code odd} ({@code -1}: none), which ends with {@code end}. */
    private static byte[] joinWithOneOddEnd(List<byte[]> lines, int odd, byte[] end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < lines.size(); k++) {
            out.writeBytes(lines.get(k));
            if (k < lines.size() - 1) {
                out.writeBytes(k == odd ? end : new byte[]{'\r', '\n'});
            }
        }
        return out.toByteArray();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}
