package io.sipdrill.chaos.drill.file;

import io.sipdrill.chaos.drill.Action;
import io.sipdrill.chaos.drill.Probe;
import io.sipdrill.chaos.drill.ProbeCheck;
import io.sipdrill.chaos.drill.RollbackStrategy;
import io.sipdrill.chaos.drill.Tolerance;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a drill file into a {@link DrillFile} and validates all of it before anything runs. Every
 * problem is one line naming file, line and field, and all of them are reported at once:
 *
 * <pre>{@code
 * drills/x.yaml:14: method[2].action: unknown action 'latncy' (expected one of cpu-squeeze, freeze, …)
 * }</pre>
 *
 * The YAML is read as a node graph (SnakeYAML's {@code compose}), never into objects, so every
 * value keeps its line and nothing in the file is ever instantiated.
 */
public final class DrillFileParser {

    /** The actions a method step may name, in the order messages list them. */
    public static final List<String> ACTIONS = List.of("cpu-squeeze", "cpu-burn", "freeze", "kill", "restart", "latency", "toxic",
            "link-down", "ddi-route", "clear-faults", "end");

    /** The probes a hypothesis may name. */
    public static final List<String> PROBES = List.of("registered-on primary", "registered-on backup",
            "registered-anywhere", "inbound-call-success", "outbound-call-success");

    private static final Map<String, List<String>> ACTION_FIELDS = Map.ofEntries(
            Map.entry("cpu-squeeze", List.of("target", "quota")),
            Map.entry("cpu-burn", List.of("target", "workers", "load")),
            Map.entry("freeze", List.of("target")),
            Map.entry("kill", List.of("target")),
            Map.entry("restart", List.of("target", "share")),
            Map.entry("latency", List.of("link", "latency", "jitter", "stream")),
            Map.entry("toxic", List.of("link", "type", "attributes", "stream")),
            Map.entry("link-down", List.of("link")),
            Map.entry("ddi-route", List.of("to")),
            Map.entry("clear-faults", List.of()),
            Map.entry("end", List.of()));

    private final String file;
    private final List<String> errors = new ArrayList<>();

    private DrillFileParser(String file) {
        this.file = file;
    }

    /** Reads {@code path}; messages name it as {@code shownAs} (the path as the user typed it). */
    public static DrillFile parse(Path path, String shownAs) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DrillFileException(List.of(shownAs + ": cannot read the drill file: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage())));
        }
        String stem = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, shownAs, stem);
    }

    /** Reads drill file text; {@code name} is the drill's name in reports. */
    public static DrillFile parse(String yaml, String shownAs, String name) {
        return new DrillFileParser(shownAs).read(yaml, name);
    }

    // ---- the document ----

    private DrillFile read(String yaml, String name) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage().lines().findFirst().orElse("");
            throw new DrillFileException(List.of(file + ":" + line + ": malformed YAML: " + problem));
        } catch (YAMLException e) {
            throw new DrillFileException(List.of(file + ":1: malformed YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        Where top = new Where(file, 1, "");
        if (!(root instanceof MappingNode doc)) {
            throw new DrillFileException(List.of(top.error("a drill file is a mapping (title:, population:, method:, …)")));
        }
        Fields f = fields(doc, top, Set.of("title", "description", "time-scale", "population", "warm-up",
                "steady-state-hypothesis", "method", "rollbacks", "slo"));
        String title = f.string("title", true);
        String description = f.string("description", false);
        double timeScale = f.number("time-scale", 1.0, v -> v > 0 && v <= 3600, "must be greater than 0 and at most 3600");
        DrillFile.Population population = f.has("population") ? population(f.node("population"), f.where("population")) : null;
        if (!f.has("population")) {
            f.missing("population");
        }
        Duration warmUp = f.has("warm-up") ? f.duration("warm-up")
                : population == null ? Duration.ZERO : population.ramp();
        boolean calls = population == null || population.calls() != null; // an invalid population already has its error
        List<ProbeCheck> hypothesis = f.has("steady-state-hypothesis")
                ? hypothesis(f.node("steady-state-hypothesis"), f.where("steady-state-hypothesis"), calls) : List.of();
        List<DrillFile.FileStep> method = f.has("method") ? method(f.node("method"), f.where("method")) : List.of();
        if (!f.has("method")) {
            f.missing("method");
        }
        RollbackStrategy[] strategy = {RollbackStrategy.DEFAULT};
        List<DrillFile.FileAction> rollbacks = f.has("rollbacks")
                ? rollbacks(f.node("rollbacks"), f.where("rollbacks"), strategy) : List.of();
        Map<String, JournalEvent.Slo> slo = f.has("slo") ? slo(f.node("slo"), f.where("slo")) : Map.of();
        if (population != null && population.calls() == null) {
            for (DrillFile.FileStep s : method) {
                if (s.action() instanceof Action.DdiRoute) {
                    errors.add(s.where().field("action", s.where().line()).error(
                            "ddi-route needs calls: add population.calls (inbound DDI calls come from the carrier)"));
                }
            }
            for (DrillFile.FileAction a : rollbacks) {
                if (a.action() instanceof Action.DdiRoute) {
                    errors.add(a.where().error("ddi-route needs calls: add population.calls"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new DrillFileException(errors);
        }
        return new DrillFile(name, title, description, timeScale, population, warmUp, hypothesis, method,
                strategy[0], rollbacks, slo);
    }

    // ---- population ----

    private DrillFile.Population population(Node node, Where where) {
        MappingNode map = mapping(node, where);
        if (map == null) {
            return null;
        }
        Fields f = fields(map, where, Set.of("handsets", "ramp", "mix", "register", "calls"));
        int handsets = (int) f.number("handsets", Double.NaN, v -> v >= 1 && v == Math.rint(v), "must be a whole number, at least 1");
        Duration ramp = f.has("ramp") ? f.duration("ramp") : Duration.ofMinutes(1);
        PopulationMix mix = f.has("mix") ? mix(f.node("mix"), f.where("mix")) : PopulationMix.defaultMix();
        Duration expires = Duration.ofMinutes(10);
        String transport = "udp";
        Where transportWhere = null;
        int failoverAfter = 2;
        Duration retryDelay = Duration.ofSeconds(10);
        if (f.has("register")) {
            MappingNode reg = mapping(f.node("register"), f.where("register"));
            if (reg != null) {
                Fields r = fields(reg, f.where("register"), Set.of("expires", "transport", "failover-after", "retry-delay"));
                if (r.has("expires")) {
                    expires = r.duration("expires");
                }
                if (r.has("transport")) {
                    transport = r.choice("transport", List.of("udp", "tcp", "tls"));
                    if ("tcp".equals(transport)) {
                        errors.add(r.where("transport").error("tcp is not supported yet: handsets register over udp or tls"));
                    }
                    transportWhere = r.where("transport");
                }
                failoverAfter = (int) r.number("failover-after", 2, v -> v >= 1 && v == Math.rint(v), "must be a whole number, at least 1");
                if (r.has("retry-delay")) {
                    retryDelay = r.duration("retry-delay");
                }
            }
        }
        DrillFile.Calls calls = f.has("calls") ? calls(f.node("calls"), f.where("calls"), handsets) : null;
        if ("tls".equals(transport) && f.has("calls")) {
            errors.add(transportWhere.error("tls goes with registrations only: calls over tls are not supported yet"
                    + " (drop population.calls or register over udp)"));
        }
        if (Double.isNaN(handsets) || handsets < 1) {
            return null;
        }
        return new DrillFile.Population(handsets, ramp, mix, expires, transport, failoverAfter, retryDelay, calls);
    }

    private PopulationMix mix(Node node, Where where) {
        SequenceNode seq = sequence(node, where);
        if (seq == null) {
            return PopulationMix.defaultMix();
        }
        List<PopulationMix.Share> shares = new ArrayList<>();
        double sum = 0;
        boolean ok = true;
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            Where w = new Where(file, line(item), where.path() + "[" + i + "]");
            MappingNode m = mapping(item, w);
            if (m == null) {
                ok = false;
                continue;
            }
            Fields f = fields(m, w, Set.of("share", "failback", "timeout"));
            Double share = f.share("share");
            String mode = f.choice("failback", List.of("registration", "duration", "never"));
            // The timer only matters to failback: duration (PopulationMix's convention: zero otherwise).
            Duration timeout = f.has("timeout") ? f.duration("timeout")
                    : "duration".equals(mode) ? Duration.ofMinutes(5) : Duration.ZERO;
            if (share == null || mode == null) {
                ok = false;
                continue;
            }
            if (share < 0 || share > 1) {
                errors.add(f.where("share").error("must be between 0 and 1 (0% and 100%)"));
                ok = false;
                continue;
            }
            sum += share;
            shares.add(new PopulationMix.Share(share, FailbackMode.fromToken(mode), timeout));
        }
        if (!ok) {
            return PopulationMix.defaultMix();
        }
        if (shares.isEmpty() || Math.abs(sum - 1.0) > 1e-6) {
            errors.add(where.error("shares add up to " + trim(sum) + ", not 1 (100%)"));
            return PopulationMix.defaultMix();
        }
        return new PopulationMix(shares);
    }

    private DrillFile.Calls calls(Node node, Where where, int handsets) {
        MappingNode map = mapping(node, where);
        if (map == null) {
            return null;
        }
        Fields f = fields(map, where, Set.of("inbound-ddi-per-second", "inbound-ddi-per-hour", "outbound-per-second",
                "outbound-per-hour", "outbound-per-handset-hour", "rtp", "until"));
        double in = rate(f, "inbound-ddi-per-second", "inbound-ddi-per-hour", null, handsets);
        double out = rate(f, "outbound-per-second", "outbound-per-hour", "outbound-per-handset-hour", handsets);
        boolean rtp = f.bool("rtp", true);
        Duration until = f.has("until") ? f.duration("until") : null;
        if (in + out > 1000) {
            errors.add(where.error("call rates add up to " + trim(in + out) + " per second; at most 1000"));
        }
        if (in + out <= 0 && f.errorsBefore == errors.size()) {
            errors.add(where.error("no calls: give inbound-ddi-per-second/-per-hour or outbound-per-second/-per-hour/-per-handset-hour"));
        }
        return new DrillFile.Calls(in, out, rtp, until);
    }

    private double rate(Fields f, String perSecond, String perHour, String perHandsetHour, int handsets) {
        List<String> given = new ArrayList<>();
        for (String k : new String[]{perSecond, perHour, perHandsetHour}) {
            if (k != null && f.has(k)) {
                given.add(k);
            }
        }
        if (given.size() > 1) {
            errors.add(f.where(given.get(1)).error("give one of " + String.join(", ", given) + ", not both"));
            return 0;
        }
        if (given.isEmpty()) {
            return 0;
        }
        String k = given.get(0);
        double v = f.number(k, 0, x -> x >= 0, "must not be negative");
        if (k.equals(perSecond)) {
            return v;
        }
        return k.equals(perHour) ? v / 3600.0 : v * Math.max(handsets, 0) / 3600.0;
    }

    // ---- steady-state hypothesis ----

    private List<ProbeCheck> hypothesis(Node node, Where where, boolean calls) {
        SequenceNode seq = sequence(node, where);
        List<ProbeCheck> checks = new ArrayList<>();
        if (seq == null) {
            return checks;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            Where w = new Where(file, line(item), where.path() + "[" + i + "]");
            MappingNode m = mapping(item, w);
            if (m == null) {
                continue;
            }
            Fields f = fields(m, w, Set.of("probe", "tolerance"));
            String name = f.string("probe", true);
            Probe probe = null;
            if (name != null) {
                probe = probe(name.trim().replaceAll("\\s+", " "));
                if (probe == null) {
                    errors.add(f.where("probe").error("unknown probe '" + name + "' (expected one of " + String.join(", ", PROBES) + ")"));
                } else if (probe.needsCalls() && !calls) {
                    errors.add(f.where("probe").error(probe.keyword() + " needs calls: add population.calls"));
                }
            }
            Tolerance tolerance = f.has("tolerance") ? tolerance(f.node("tolerance"), f.where("tolerance")) : null;
            if (!f.has("tolerance")) {
                f.missing("tolerance");
            }
            if (probe != null && tolerance != null) {
                checks.add(new ProbeCheck(probe, tolerance));
            }
        }
        return checks;
    }

    private static Probe probe(String name) {
        return switch (name) {
            case "registered-on primary" -> new Probe.RegisteredOn(Pop.PRIMARY);
            case "registered-on backup" -> new Probe.RegisteredOn(Pop.BACKUP);
            case "registered-anywhere" -> new Probe.RegisteredAnywhere();
            case "inbound-call-success" -> new Probe.InboundCallSuccess();
            case "outbound-call-success" -> new Probe.OutboundCallSuccess();
            default -> null;
        };
    }

    private Tolerance tolerance(Node node, Where where) {
        MappingNode m = mapping(node, where);
        if (m == null) {
            return null;
        }
        Fields f = fields(m, where, Set.of("min", "max"));
        Double min = f.has("min") ? f.percent("min") : null;
        Double max = f.has("max") ? f.percent("max") : null;
        if (!f.has("min") && !f.has("max")) {
            errors.add(where.error("give min, max or both (percentages such as 99%)"));
            return null;
        }
        if (min != null && max != null) {
            if (min > max) {
                errors.add(where.error("min " + trim(min) + "% is above max " + trim(max) + "%"));
                return null;
            }
            return new Tolerance.Range(min, max);
        }
        if (min != null) {
            return new Tolerance.Min(min);
        }
        return max != null ? new Tolerance.Max(max) : null;
    }

    // ---- method and rollbacks ----

    private List<DrillFile.FileStep> method(Node node, Where where) {
        SequenceNode seq = sequence(node, where);
        List<DrillFile.FileStep> steps = new ArrayList<>();
        if (seq == null) {
            return steps;
        }
        Duration previous = null;
        boolean ended = false;
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            Where w = new Where(file, line(item), where.path() + "[" + i + "]");
            MappingNode m = mapping(item, w);
            if (m == null) {
                continue;
            }
            if (ended) {
                errors.add(w.error("comes after the end step: end is the drill's last step"));
                continue;
            }
            Fields f = fields(m, w, null);
            Duration at = f.has("at") ? f.duration("at") : null;
            if (!f.has("at")) {
                f.missing("at");
            }
            Action action = action(f, w, true);
            if (at != null && previous != null && at.compareTo(previous) < 0) {
                errors.add(f.where("at").error(Units.format(at) + " comes before the previous step's "
                        + Units.format(previous) + " (list steps in time order)"));
            }
            if (at != null) {
                previous = previous == null || at.compareTo(previous) > 0 ? at : previous;
            }
            if (action instanceof Action.End) {
                ended = true;
                if (at != null && at.isZero()) {
                    errors.add(f.where("at").error("the drill ends as its method starts: end must come later than 0s"));
                }
            }
            if (at != null && action != null) {
                steps.add(new DrillFile.FileStep(at, action, w));
            }
        }
        if (!ended && seq.getValue().size() > 0 && errors.stream().noneMatch(e -> e.contains(where.path() + "["))) {
            errors.add(where.error("no end step: the last step says when the drill ends (e.g. - {at: 40m, action: end})"));
        } else if (seq.getValue().isEmpty()) {
            errors.add(where.error("no steps: a method needs at least its end (e.g. - {at: 40m, action: end})"));
        }
        return steps;
    }

    private List<DrillFile.FileAction> rollbacks(Node node, Where where, RollbackStrategy[] strategy) {
        Node list = node;
        Where listWhere = where;
        if (node instanceof MappingNode map) {
            Fields f = fields(map, where, Set.of("strategy", "actions"));
            if (f.has("strategy")) {
                String s = f.choice("strategy", List.of("default", "always", "never", "deviated"));
                if (s != null) {
                    strategy[0] = RollbackStrategy.valueOf(s.toUpperCase(Locale.ROOT));
                }
            }
            if (!f.has("actions")) {
                return List.of();
            }
            list = f.node("actions");
            listWhere = f.where("actions");
        }
        SequenceNode seq = sequence(list, listWhere);
        List<DrillFile.FileAction> actions = new ArrayList<>();
        if (seq == null) {
            return actions;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            Where w = new Where(file, line(item), listWhere.path() + "[" + i + "]");
            Action action;
            if (item instanceof ScalarNode s) {
                action = bareAction(s.getValue(), w);
            } else if (item instanceof MappingNode m) {
                Fields f = fields(m, w, null);
                if (!f.has("action")) {
                    errors.add(w.error("a rollback is an action name (clear-faults) or a mapping with action: (e.g. {action: ddi-route, to: primary})"));
                    continue;
                }
                action = action(f, w, false);
            } else {
                errors.add(w.error("a rollback is an action name or a mapping with action:"));
                continue;
            }
            if (action instanceof Action.CpuSqueeze || action instanceof Action.CpuBurn || action instanceof Action.Freeze
                    || action instanceof Action.Kill || action instanceof Action.Toxic || action instanceof Action.LinkDown
                    || action instanceof Action.End) {
                errors.add(w.field("action", w.line()).error(action.keyword()
                        + " cannot be a rollback (rollbacks are clear-faults, restart or ddi-route)"));
                continue;
            }
            if (action != null) {
                actions.add(new DrillFile.FileAction(action, w));
            }
        }
        return actions;
    }

    private Action bareAction(String name, Where w) {
        if (name.equals("clear-faults")) {
            return new Action.ClearFaults();
        }
        if (ACTIONS.contains(name)) {
            errors.add(w.error(name + " needs its fields: write it as a mapping, e.g. {action: " + name + ", …}"));
            return null;
        }
        errors.add(w.error("unknown action '" + name + "' (expected one of " + String.join(", ", ACTIONS) + ")"));
        return null;
    }

    /** The action named by {@code action:} with its own fields; null (and an error) if it is not right. */
    private Action action(Fields f, Where w, boolean timed) {
        String name = f.string("action", true);
        if (name == null) {
            return null;
        }
        List<String> own = ACTION_FIELDS.get(name);
        if (own == null) {
            errors.add(f.where("action").error("unknown action '" + name + "' (expected one of " + String.join(", ", ACTIONS) + ")"));
            return null;
        }
        List<String> allowed = new ArrayList<>(own);
        allowed.add(0, "action");
        if (timed) {
            allowed.add(0, "at");
        }
        int before = errors.size();
        for (String key : f.keys()) {
            if (!allowed.contains(key)) {
                errors.add(f.where(key).error("unknown field for " + name + " (expected " + String.join(", ", allowed) + ")"));
            }
        }
        Action action = switch (name) {
            case "cpu-squeeze" -> {
                String target = f.string("target", true);
                Double quota = f.has("quota") ? f.percent("quota") : null;
                if (!f.has("quota")) {
                    f.missing("quota");
                } else if (quota != null && (quota <= 0 || quota > 100)) {
                    errors.add(f.where("quota").error("must be more than 0% and at most 100% (of one core)"));
                    quota = null;
                }
                yield target == null || quota == null ? null : new Action.CpuSqueeze(target, quota / 100.0);
            }
            case "cpu-burn" -> {
                String target = f.string("target", true);
                double n = f.number("workers", 1, v -> v >= 1 && v <= 64 && v == Math.rint(v), "must be a whole number from 1 to 64");
                Integer workers = Double.isNaN(n) ? null : (int) n;
                Double load = f.has("load") ? f.percent("load") : Double.valueOf(100);
                if (load != null && (load <= 0 || load > 100)) {
                    errors.add(f.where("load").error("must be more than 0% and at most 100% (of one core per worker)"));
                    load = null;
                }
                yield target == null || workers == null || load == null ? null : new Action.CpuBurn(target, workers, load / 100.0);
            }
            case "freeze" -> {
                String target = f.string("target", true);
                yield target == null ? null : new Action.Freeze(target);
            }
            case "kill" -> {
                String target = f.string("target", true);
                yield target == null ? null : new Action.Kill(target);
            }
            case "restart" -> {
                String target = f.string("target", true);
                Double share = f.has("share") ? f.share("share") : Double.valueOf(1.0);
                if (share != null && (share <= 0 || share > 1)) {
                    errors.add(f.where("share").error("must be more than 0% and at most 100%"));
                    share = null;
                }
                yield target == null || share == null ? null : new Action.Restart(target, share);
            }
            case "latency" -> {
                String link = f.string("link", true);
                Duration latency = f.has("latency") ? f.duration("latency") : null;
                if (!f.has("latency")) {
                    f.missing("latency");
                }
                Duration jitter = f.has("jitter") ? f.duration("jitter") : Duration.ZERO;
                LinkFaults.Stream stream = stream(f);
                yield link == null || latency == null || jitter == null ? null
                        : new Action.Toxic(link, "latency", Map.of("latency", latency.toMillis(), "jitter", jitter.toMillis()), stream);
            }
            case "toxic" -> {
                String link = f.string("link", true);
                String type = f.string("type", true);
                Map<String, Object> attributes = f.has("attributes") ? attributes(f.node("attributes"), f.where("attributes")) : Map.of();
                LinkFaults.Stream stream = stream(f);
                yield link == null || type == null || attributes == null ? null : new Action.Toxic(link, type, attributes, stream);
            }
            case "link-down" -> {
                String link = f.string("link", true);
                yield link == null ? null : new Action.LinkDown(link);
            }
            case "ddi-route" -> {
                String to = f.choice("to", List.of("primary", "backup"));
                if (!f.has("to")) {
                    f.missing("to");
                }
                yield to == null ? null : new Action.DdiRoute(to.equals("primary") ? Pop.PRIMARY : Pop.BACKUP);
            }
            case "clear-faults" -> new Action.ClearFaults();
            default -> new Action.End();
        };
        return errors.size() == before ? action : null;
    }

    private LinkFaults.Stream stream(Fields f) {
        if (!f.has("stream")) {
            return LinkFaults.Stream.DOWNSTREAM;
        }
        String s = f.choice("stream", List.of("downstream", "upstream"));
        return s == null ? null : LinkFaults.Stream.valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Toxiproxy attributes: numbers as they are, durations (8s) in ms, other text as it is. */
    private Map<String, Object> attributes(Node node, Where where) {
        MappingNode m = mapping(node, where);
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!(t.getValueNode() instanceof ScalarNode v)) {
                errors.add(where.field(key, line(t.getValueNode())).error("a toxic attribute is a number or a duration"));
                continue;
            }
            String text = v.getValue().trim();
            if (text.matches("-?\\d+")) {
                out.put(key, Long.parseLong(text));
            } else if (text.matches("-?\\d+\\.\\d+")) {
                out.put(key, Double.parseDouble(text));
            } else if (text.matches("(\\d+(\\.\\d+)?(ms|s|m|h))+")) {
                out.put(key, Units.duration(text).toMillis());
            } else {
                out.put(key, text);
            }
        }
        return out;
    }

    // ---- SLOs ----

    private Map<String, JournalEvent.Slo> slo(Node node, Where where) {
        MappingNode map = mapping(node, where);
        Map<String, JournalEvent.Slo> slo = new LinkedHashMap<>();
        if (map == null) {
            return slo;
        }
        Fields all = fields(map, where, null);
        for (String name : all.keys()) {
            Where w = all.where(name);
            SloNames.Metric metric = SloNames.resolve(name);
            if (metric == null) {
                errors.add(w.error("unknown SLO (expected one of " + String.join(", ", SloNames.friendly().keySet())
                        + ", or a summary.json metric such as calls.setup_ms.p95)"));
                continue;
            }
            MappingNode bounds = mapping(all.node(name), w);
            if (bounds == null) {
                continue;
            }
            Fields b = fields(bounds, w, Set.of("min", "max"));
            boolean friendly = SloNames.friendly().containsKey(name);
            Double min = b.has("min") ? bound(b, "min", metric.unit(), friendly) : null;
            Double max = b.has("max") ? bound(b, "max", metric.unit(), friendly) : null;
            if (!b.has("min") && !b.has("max")) {
                errors.add(w.error("give min, max or both"));
                continue;
            }
            if (slo.containsKey(metric.name())) {
                errors.add(w.error("judges " + metric.name() + " again"));
                continue;
            }
            slo.put(metric.name(), new JournalEvent.Slo(min, max));
        }
        return slo;
    }

    /** One bound in the metric's unit; friendly names insist on a unit, summary paths accept a bare number too. */
    private Double bound(Fields b, String key, SloNames.Unit unit, boolean friendly) {
        String text = b.scalar(key);
        if (text == null) {
            return null;
        }
        boolean bare = text.trim().matches("-?\\d+(\\.\\d+)?");
        try {
            if (bare && (!friendly || unit == SloNames.Unit.NUMBER)) {
                return Double.parseDouble(text.trim());
            }
            return switch (unit) {
                case SECONDS -> Units.duration(text).toNanos() / 1e9;
                case MILLIS -> Units.duration(text).toNanos() / 1e6;
                case PERCENT -> Units.percent(text);
                case NUMBER -> throw new IllegalArgumentException("'" + text + "' is not a number");
            };
        } catch (IllegalArgumentException e) {
            errors.add(b.where(key).error(e.getMessage()));
            return null;
        }
    }

    // ---- node helpers ----

    private static int line(Node n) {
        return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    private MappingNode mapping(Node node, Where where) {
        if (node instanceof MappingNode m) {
            return m;
        }
        errors.add(where.error("expected a mapping (key: value)"));
        return null;
    }

    private SequenceNode sequence(Node node, Where where) {
        if (node instanceof SequenceNode s) {
            return s;
        }
        errors.add(where.error("expected a list (- item)"));
        return null;
    }

    private Fields fields(MappingNode map, Where where, Set<String> known) {
        return new Fields(map, where, known);
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A mapping's fields with their lines; reads values and reports what is wrong with them. */
    private final class Fields {
        private final Where where;
        private final Map<String, Node> values = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new LinkedHashMap<>();
        final int errorsBefore;

        Fields(MappingNode map, Where where, Set<String> known) {
            this.where = where;
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    errors.add(new Where(file, line(t.getKeyNode()), where.path()).error("a key must be a plain name"));
                    continue;
                }
                String key = k.getValue();
                if (values.containsKey(key)) {
                    errors.add(where.field(key, line(k)).error("given twice"));
                    continue;
                }
                values.put(key, t.getValueNode());
                lines.put(key, line(k));
                if (known != null && !known.contains(key)) {
                    errors.add(where.field(key, line(k)).error("unknown field (expected one of " + String.join(", ", known.stream().sorted(
                            java.util.Comparator.comparingInt(DrillFileParser::order)).toList()) + ")"));
                }
            }
            errorsBefore = errors.size();
        }

        Set<String> keys() {
            return values.keySet();
        }

        boolean has(String key) {
            return values.containsKey(key) && !(values.get(key) instanceof ScalarNode s && s.getValue().isEmpty()
                    && s.getTag().getValue().endsWith(":null"));
        }

        Node node(String key) {
            return values.get(key);
        }

        Where where(String key) {
            return where.field(key, lines.getOrDefault(key, where.line()));
        }

        void missing(String key) {
            errors.add(where.error("missing field '" + key + "'"));
        }

        String scalar(String key) {
            Node n = values.get(key);
            if (n instanceof ScalarNode s) {
                return s.getValue();
            }
            errors.add(where(key).error("expected a single value"));
            return null;
        }

        String string(String key, boolean required) {
            if (!has(key)) {
                if (required) {
                    missing(key);
                }
                return null;
            }
            String s = scalar(key);
            if (s != null && s.isBlank()) {
                errors.add(where(key).error("must not be empty"));
                return null;
            }
            return s;
        }

        String choice(String key, List<String> options) {
            String s = string(key, false);
            if (s == null) {
                return null;
            }
            if (!options.contains(s)) {
                errors.add(where(key).error("'" + s + "' is not one of " + String.join(", ", options)));
                return null;
            }
            return s;
        }

        double number(String key, double fallback, java.util.function.DoublePredicate valid, String rule) {
            if (!has(key)) {
                if (Double.isNaN(fallback)) {
                    missing(key);
                }
                return fallback;
            }
            String s = scalar(key);
            if (s == null) {
                return Double.NaN;
            }
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                errors.add(where(key).error("'" + s + "' is not a number"));
                return Double.NaN;
            }
            if (!valid.test(v)) {
                errors.add(where(key).error(s + ": " + rule));
                return Double.NaN;
            }
            return v;
        }

        boolean bool(String key, boolean fallback) {
            if (!has(key)) {
                return fallback;
            }
            String s = scalar(key);
            if ("true".equals(s) || "false".equals(s)) {
                return Boolean.parseBoolean(s);
            }
            errors.add(where(key).error("'" + s + "' is not true or false"));
            return fallback;
        }

        Duration duration(String key) {
            return parsed(key, Units::duration);
        }

        Double percent(String key) {
            return parsed(key, Units::percent);
        }

        Double share(String key) {
            if (!has(key)) {
                missing(key);
                return null;
            }
            return parsed(key, Units::share);
        }

        private <T> T parsed(String key, Function<String, T> parse) {
            String s = scalar(key);
            if (s == null) {
                return null;
            }
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                errors.add(where(key).error(e.getMessage()));
                return null;
            }
        }
    }

    /** Fields listed in messages in the order a drill file is usually written. */
    private static int order(String key) {
        List<String> order = List.of("title", "description", "time-scale", "population", "warm-up",
                "steady-state-hypothesis", "method", "rollbacks", "slo", "handsets", "ramp", "mix", "register", "calls",
                "share", "failback", "timeout", "expires", "transport", "failover-after", "retry-delay",
                "inbound-ddi-per-second", "inbound-ddi-per-hour", "outbound-per-second", "outbound-per-hour",
                "outbound-per-handset-hour", "rtp", "until", "probe", "tolerance", "min", "max", "strategy", "actions");
        int i = order.indexOf(key);
        return i < 0 ? order.size() : i;
    }
}
