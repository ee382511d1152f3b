package io.sipdrill.app;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@link Sipdrill#execute} with System.out/System.err captured, and restores them after. */
final class CliCapture {

    record Result(int exitCode, String out, String err) {

        /** The non-blank lines written to stderr. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private CliCapture() {
    }

    /** Captures both streams; nothing reaches the console. */
    static Result execute(String... args) {
        return execute(false, args);
    }

    /** With {@code echo}, what is captured is also passed on to the original streams (long runs stay visible). */
    static Result execute(boolean echo, String... args) {
        return capture(echo, () -> Sipdrill.execute(args));
    }

    /** Runs {@code body} (anything that prints, returning an exit code) with both streams captured. */
    static Result capture(boolean echo, java.util.function.IntSupplier body) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(echo ? tee(out, oldOut) : out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(echo ? tee(err, oldErr) : err, true, StandardCharsets.UTF_8));
            code = body.getAsInt();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws java.io.IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws java.io.IOException {
                a.write(buf, off, len);
                b.write(buf, off, len);
            }

            @Override
            public void flush() throws java.io.IOException {
                a.flush();
                b.flush();
            }
        };
    }
}
