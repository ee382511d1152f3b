package io.sipdrill.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * SIPp's side of {@code bench calls}: Debian's {@code sipp} as a uas at the carrier's address and
 * a uac dialling the same external number through the POP at the same rate (INVITE, 100, 180,
 * 200, ACK, BYE, 200; no pause, no RTP). The flows are SIPp's built-in uac and uas plus the
 * dialog's route set ({@code /sipp/uac-call-route-set.xml}, {@code uas-call-route-set.xml}): the
 * built-ins ignore Record-Route, and the record-routing Kamailio POP and PBX rightly refuse an ACK
 * or BYE that names no route. CPU is the two
 * processes together (GNU time, and /proc at half time for the steady share), memory their peak
 * RSS summed; completed calls and setup times (the uac's INVITE → 200) from SIPp's statistics.
 */
final class SippCallLoad {

    /** An external number (CALL-ROUTING.md: {@code 00…} goes to the carrier). */
    static final String NUMBER = "0044990001";
    static final String LOCAL_IP = "127.0.3.201";
    /** Callers' From users, clear of the handsets' 1000000 + i. */
    static final int FIRST_CALLER = 3_000_000;

    private SippCallLoad() {
    }

    static BenchResult run(InetSocketAddress pop, InetSocketAddress carrier, int count, double rate, Path workDir)
            throws IOException, InterruptedException {
        workDir = workDir.toAbsolutePath();
        Path uacDir = Files.createDirectories(workDir.resolve("uac"));
        Path uasDir = Files.createDirectories(workDir.resolve("uas"));
        long durationMs = (long) (count * 1000 / rate);
        String timeout = ((long) (count / rate) + 60) + "s";
        Path uasScenario = scenario("uas-call-route-set.xml", uasDir);
        Path uacScenario = scenario("uac-call-route-set.xml", uacDir);
        TimedSipp uas = TimedSipp.start(List.of("-sf", uasScenario.toString(), "-i", carrier.getAddress().getHostAddress(),
                "-p", Integer.toString(carrier.getPort()), "-m", Integer.toString(count), "-nostdin",
                "-timeout", timeout), uasDir, "uas");
        awaitBound(carrier, uas);
        Path stat = uacDir.resolve("stat.csv");
        long start = System.nanoTime();
        TimedSipp uac = TimedSipp.start(List.of("-sf", uacScenario.toString(), "-s", NUMBER, "-i", LOCAL_IP, "-p", "5098",
                "-r", Long.toString(Math.round(rate)), "-rp", "1000", "-m", Integer.toString(count), "-nostdin",
                "-trace_stat", "-stf", stat.toString(), "-fd", "1", "-trace_rtt", "-rtt_freq", SippStats.rttFrequency(count),
                "-timeout", timeout, pop.getAddress().getHostAddress() + ":" + pop.getPort()), uacDir, "uac");
        Thread.sleep(Math.max(0, durationMs / 2 - (System.nanoTime() - start) / 1_000_000));
        double uacHalf = uac.cpuSeconds();
        double uasHalf = uas.cpuSeconds();
        int doneHalf = SippStats.successfulCalls(stat);
        uac.awaitExit(durationMs + 120_000);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // The uas exits by itself after COUNT calls; one that saw fewer is ended here.
        if (!uas.awaitExit(2_000)) {
            uas.stop();
        }
        double cpuTotal = uac.cpuTotalSeconds() + uas.cpuTotalSeconds();
        int done = SippStats.successfulCalls(stat);
        double cpuUsPerOp = uacHalf < 0 || uasHalf < 0 ? Double.NaN
                : (cpuTotal - uacHalf - uasHalf) * 1e6 / Math.max(1, done - doneHalf);
        return new BenchResult("sipp", count, rate, done * 1000.0 / Math.max(durationMs, elapsedMs),
                100.0 * (count - done) / count, SippStats.p99SecondHalf(uacDir), cpuUsPerOp, cpuTotal,
                uac.peakRssMb() + uas.peakRssMb());
    }

    /** The scenario from the classpath (environments' resources), copied where SIPp runs. */
    private static Path scenario(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = SippCallLoad.class.getResourceAsStream("/sipp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("SIPp scenario /sipp/" + name + " is missing from the classpath");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** SIPp binds its socket a moment after it starts; the uac must not call before. */
    private static void awaitBound(InetSocketAddress address, TimedSipp sipp) throws InterruptedException {
        for (int i = 0; i < 200 && sipp.isAlive(); i++) {
            try (DatagramSocket probe = new DatagramSocket(address)) {
                // still free: not listening yet
            } catch (SocketException taken) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("SIPp uas did not bind " + address.getAddress().getHostAddress() + ":"
                + address.getPort() + " (see its log)");
    }
}
