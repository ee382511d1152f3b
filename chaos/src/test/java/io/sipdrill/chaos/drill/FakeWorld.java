package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.chaos.fault.TargetWatch;
import io.sipdrill.load.calls.DdiRouting;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.Ticker;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A drill's world on virtual time for runner tests: a clock the runner's sleeps advance, hosts and
 * links whose faults log what happens to them (with the drill millisecond), a load whose counts
 * are a function of drill time, and a journal kept in memory. Addresses are 127.0.160.x (never bound).
 */
final class FakeWorld {

    static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.160.1", 5060);
    static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.161.1", 5060);

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Ticker ticker = nanos::get;
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<JournalEvent> events = new CopyOnWriteArrayList<>();
    final Journal journal = new Journal() {
        @Override public void write(JournalEvent event) { events.add(event); }
        @Override public void flush() { }
        @Override public void close() { }
    };
    volatile DrillClock clock;
    /** Live counts by drill millisecond; default: every handset on the primary. */
    volatile LongFunction<DrillLoad.LiveCounts> counts = t -> new DrillLoad.LiveCounts(100, 0, 0, 0, 0, 0);
    /** Throws from the sleeper once drill time reaches this (ms), as an interrupt or a crash would. */
    volatile long interruptAtMs = Long.MAX_VALUE;
    volatile RuntimeException crashAtInterrupt;
    /** A host that dies on its own (not a fault of the drill's) once drill time reaches {@link #diesAtMs}; null: none. */
    volatile String dies;
    volatile long diesAtMs = Long.MAX_VALUE;
    private volatile boolean dead;
    private volatile TargetWatch watch = TargetWatch.NONE;
    /** When the runner started and stopped watching the hosts, by drill ms. */
    final List<String> watching = new CopyOnWriteArrayList<>();
    final Set<String> hosts = new LinkedHashSet<>(List.of("registrar", "backup", "pbx-1", "pbx-2", "pbx-3", "pbx-4"));
    final Set<String> links = new LinkedHashSet<>(List.of("handsets->registrar", "handsets->backup"));
    DdiRouting ddi;
    /** What the load's handsets and the hosts report as malformed messages; default: they count none. */
    volatile Map<String, Long> handsetMalformed = Map.of();
    volatile Map<String, Long> hostMalformed = Map.of();

    long ms() {
        DrillClock c = clock;
        return c == null ? -1 : c.millis();
    }

    DrillRunner.Sleeper sleeper() {
        return n -> {
            if (dies != null && !dead && ms() >= diesAtMs) {
                dead = true;
                diesAtMs = Long.MAX_VALUE; // once
                watch.died(dies, "killed by SIGKILL");
            }
            if (ms() >= interruptAtMs) {
                if (crashAtInterrupt != null) {
                    throw crashAtInterrupt;
                }
                throw new InterruptedException("test");
            }
            nanos.addAndGet(n);
        };
    }

    DrillTarget target() {
        return new DrillTarget("fake", PRIMARY, BACKUP, "sipdrill.test", Optional.empty(), new Hosts(), new Links());
    }

    DrillRunner runner(DrillPlan plan) {
        return new DrillRunner(plan, target(), journal, DrillProgress.silent(), new Load(), ticker, sleeper());
    }

    <T extends JournalEvent> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    final class LoggedFault implements Fault {
        private final String name;
        private final String target;
        private boolean on;

        LoggedFault(String name, String target) {
            this.name = name;
            this.target = target;
        }

        @Override public String name() { return name; }
        @Override public String target() { return target; }
        @Override public void inject() { on = true; log.add(ms() + " inject " + name + " " + target); }
        @Override public void revert() {
            if (on) {
                on = false;
                log.add(ms() + " revert " + name + " " + target);
            }
        }
    }

    final class Hosts implements FaultTargets {
        @Override public Set<String> names() { return hosts; }
        @Override public Fault cpuSqueeze(String target, double quota) { known(target); return new LoggedFault("cpu-squeeze", target); }
        @Override public Fault freeze(String target) { known(target); return new LoggedFault("freeze", target); }
        @Override public Fault kill(String target) { known(target); return new LoggedFault("kill", target); }
        @Override public void restart(String target) {
            known(target);
            log.add(ms() + " restart " + target);
            if (dead && target.equals(dies)) {
                dead = false;
                watch.back(target, "restarted");
            }
        }
        @Override public Map<String, Long> malformedMessages() { return hostMalformed; }
        @Override public void watch(TargetWatch w) { watch = w; watching.add(ms() + (w == TargetWatch.NONE ? " off" : " on")); }

        private void known(String target) {
            if (!hosts.contains(target)) {
                throw new UnsupportedOperationException("no target " + target);
            }
        }
    }

    final class Links implements LinkFaults {
        @Override public Set<String> links() { return links; }
        @Override public Fault toxic(String link, String type, Map<String, Object> attributes, Stream stream) {
            return new LoggedFault(type, link);
        }
        @Override public Fault down(String link) { return new LoggedFault("down", link); }
    }

    final class Load implements DrillLoad {
        @Override
        public void prepare(DrillPlan plan, DrillTarget target, Journal j, DrillClock c) {
            clock = c;
            ddi = new DdiRouting(PRIMARY, BACKUP, j, c);
            log.add("prepare");
        }
        @Override public void begin() { log.add(ms() + " begin"); }
        @Override public LiveCounts counts() { return counts.apply(ms()); }
        @Override public Optional<DdiRouting> ddi() { return Optional.ofNullable(ddi); }
        @Override public Map<String, Long> malformedMessages() { return handsetMalformed; }
        @Override public void stop() { log.add(ms() + " stop"); }
        @Override public void close() { log.add("close"); }
    }

    static List<String> without(List<String> log, String... prefixes) {
        List<String> out = new ArrayList<>();
        for (String l : log) {
            boolean drop = false;
            for (String p : prefixes) {
                drop |= l.contains(p);
            }
            if (!drop) {
                out.add(l);
            }
        }
        return out;
    }
}
