package io.sipdrill.chaos.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KillFaultTest {

    private final List<Process> started = new ArrayList<>();
    private volatile Process current;

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : started) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void killTakesTheWholeTreeAndRevertIsTheOwnersRestart() throws Exception {
        start();
        AtomicInteger restarts = new AtomicInteger();
        KillFault fault = new KillFault("sleepers", () -> Optional.ofNullable(current).map(Process::toHandle), () -> {
            restarts.incrementAndGet();
            start();
        });
        Process first = current;
        List<ProcessHandle> tree = new ArrayList<>(List.of(first.toHandle()));
        first.toHandle().descendants().forEach(tree::add);

        fault.revert();
        assertThat(restarts).as("revert before inject restarts nothing").hasValue(0);
        fault.inject();
        fault.inject();

        assertThat(tree).hasSizeGreaterThanOrEqualTo(3).noneMatch(ProcessHandle::isAlive);
        assertThat(first.waitFor(1, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("exit code of a SIGKILLed process").isEqualTo(128 + 9);

        fault.revert();
        fault.revert();
        assertThat(restarts).hasValue(1);
        assertThat(current).isNotSameAs(first);
        assertThat(current.isAlive()).isTrue();
        assertThat(fault.detail()).isEqualTo("SIGKILL");
    }

    @Test
    void aFailedRestartLeavesTheFaultInjectedSoTheRollbackCanRetry() throws Exception {
        start();
        AtomicInteger attempts = new AtomicInteger();
        KillFault fault = new KillFault("sleepers", () -> Optional.ofNullable(current).map(Process::toHandle), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("did not answer OPTIONS");
            }
            start();
        });
        fault.inject();

        assertThatThrownBy(fault::revert).hasMessage("did not answer OPTIONS");
        assertThat(fault.injected()).isTrue();
        fault.revert();
        assertThat(fault.injected()).isFalse();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void injectFailsClearlyWhenTheTargetIsNotRunning() {
        KillFault fault = new KillFault("registrar", Optional::empty, () -> { });

        assertThatThrownBy(fault::inject).isInstanceOf(IllegalStateException.class).hasMessage("registrar is not running; nothing to kill");
    }

    private void start() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60 & wait").start();
        started.add(p);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (p.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        current = p;
    }
}
