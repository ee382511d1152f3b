package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.shard.Shard;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * environments/k8s/injector-job.yaml without a cluster: the YAML parses, the Job is Indexed with N
 * completions run at once, and every pod's arguments (Kubernetes' $(VAR) expansion done here with
 * the manifest's own values, the pod's index and a loopback stand-in for the pod IP) parse as {@code sipdrill run}
 * options that make it shard I of N of one external drill.
 */
class K8sInjectorJobTest {

    private static final Path MANIFEST = Path.of("..", "environments", "k8s", "injector-job.yaml");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Z_]+)\\)");
    private static final String POD_IP = "127.0.220.31"; // a stand-in: tests use loopback only

    @Test
    @SuppressWarnings("unchecked")
    void everyPodRunsOneShardOfTheSameDrill() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Files.readString(MANIFEST))) {
            docs.add((Map<String, Object>) doc);
        }
        Map<String, Object> job = docs.stream().filter(d -> "Job".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> spec = map(job, "spec");
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        Map<String, Object> container = ((List<Map<String, Object>>) map(map(spec, "template"), "spec").get("containers")).get(0);
        assertThat((String) container.get("image")).startsWith("sipdrill/injector");
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            if (e.get("value") != null) {
                env.put((String) e.get("name"), String.valueOf(e.get("value")));
            }
        }
        int shards = Integer.parseInt(env.get("SHARDS"));
        assertThat(spec.get("completions")).as("completions = SHARDS").isEqualTo(shards);
        assertThat(spec.get("parallelism")).as("parallelism = SHARDS: the shards load the target together").isEqualTo(shards);
        assertThat(docs).as("the shared volume's claim").anyMatch(d -> "PersistentVolumeClaim".equals(d.get("kind")));

        List<String> args = (List<String>) container.get("args");
        for (int index = 0; index < shards; index++) {
            env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
            env.put("POD_IP", POD_IP);
            String[] expanded = args.stream().map(a -> expand(a, env)).toArray(String[]::new);
            CommandLine.ParseResult parsed = new CommandLine(new Sipdrill()).parseArgs(expanded); // throws on any unknown option
            RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
            assertThat(Shard.parse(run.shard)).isEqualTo(new Shard(index, shards));
            assertThat(run.report).isEqualTo(Path.of("/runs/shard-" + index));
            assertThat(HandsetSockets.parse(run.handsetAddress).first()).as("the handsets' source: the pod's IP").isEqualTo(POD_IP);
            assertThat(new TargetGuard(run.allowTargets).check("--registrar", run.registrar).getAddress().getHostAddress())
                    .isEqualTo(run.registrar.split(":")[0]);
            // What `run` checks before anything starts (external targets play a built-in drill without its fault).
            DrillPlan plan = DrillPlan.registrarOutage(run.handsets, run.timeScale).withoutFault();
            ShardRules.check(Shard.parse(run.shard), "external", plan);
            run.bounds().check(plan, Shard.parse(run.shard).of(run.handsets).size()); // the load limits, as raised by the job
        }
    }

    private static String expand(String arg, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            assertThat(value).as("$(%s) in %s is defined", m.group(1), arg).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }
}
