package io.sipdrill.environments.local;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which config a {@link KamailioProcess} runs and what its command line defines for it: plain
 * defines ({@code -A WITH_CALLS}) and substituted values ({@code --substdef}, which reach inside
 * the config's strings too). The instance name is the process's own and is added by it.
 *
 * <pre>{@code
 * KamailioScript pop = KamailioScript.callRoutingPop(registrarCfg, runDir.resolve("dispatcher.list"));
 * KamailioScript pbx = KamailioScript.pbx(pbxCfg, pop, voicemail, carrier, Duration.ofSeconds(20));
 * }</pre>
 *
 * @param configFile    the main config ({@code registrar.cfg} or {@code pbx.cfg}); its includes sit beside it
 * @param defines       names passed with {@code -A}
 * @param substitutions name → value, each passed with {@code --substdef}
 */
public record KamailioScript(Path configFile, List<String> defines, Map<String, String> substitutions) {

    /** Delimiters a substdef may use; the first one absent from the name and the value is taken. */
    private static final String DELIMITERS = "/#|!%@";
    private static final String TLS_DEFINE = "WITH_TLS";

    public KamailioScript {
        defines = List.copyOf(defines);
        substitutions = Map.copyOf(new LinkedHashMap<>(substitutions));
        for (String define : defines) {
            requireName(define);
        }
        substitutions.keySet().forEach(KamailioScript::requireName);
    }

    /** {@code registrar.cfg} as it always ran: registrar only, no call routing. */
    public static KamailioScript registrar(Path configFile) {
        return new KamailioScript(configFile, List.of(), Map.of());
    }

    /** {@code registrar.cfg} as a POP that also routes calls, its PBX set and carrier in {@code dispatcherList}. */
    public static KamailioScript callRoutingPop(Path configFile, Path dispatcherList) {
        return new KamailioScript(configFile, List.of("WITH_CALLS"),
                Map.of("DISPATCHER_LIST", dispatcherList.toAbsolutePath().toString()));
    }

    /**
     * This script, also taking SIP over TLS on {@code listen} ({@code registrar.cfg}'s
     * {@code WITH_TLS}) with the {@code server.pem}, {@code server.key} and {@code ca.pem} in
     * {@code certificateDir}, as {@code TestCertificateAuthority.ServerCertificate.writePem} writes them.
     */
    public KamailioScript withTls(InetSocketAddress listen, Path certificateDir) {
        List<String> moreDefines = new ArrayList<>(defines);
        moreDefines.add(TLS_DEFINE);
        Map<String, String> moreValues = new LinkedHashMap<>(substitutions);
        moreValues.put("TLS_DIR", certificateDir.toAbsolutePath().toString());
        moreValues.put("TLS_LISTEN", "tls:" + hostPort(listen));
        return new KamailioScript(configFile, moreDefines, moreValues);
    }

    /** True when the instance takes TLS, which runs over TCP: the process must not disable TCP then. */
    boolean usesTcp() {
        return defines.contains(TLS_DEFINE);
    }

    /** {@code pbx.cfg} for one PBX instance beside {@code pop}. */
    public static KamailioScript pbx(Path configFile, InetSocketAddress pop, InetSocketAddress voicemail,
                                     InetSocketAddress carrier, Duration noAnswer) {
        if (noAnswer.isNegative() || noAnswer.isZero()) {
            throw new IllegalArgumentException("the no-answer time must be positive: " + noAnswer);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("POP_ADDRESS", hostPort(pop));
        values.put("VOICEMAIL_ADDRESS", hostPort(voicemail));
        values.put("CARRIER_ADDRESS", hostPort(carrier));
        values.put("NO_ANSWER_MS", Long.toString(noAnswer.toMillis()));
        return new KamailioScript(configFile, List.of(), values);
    }

    /** The {@code -A} and {@code --substdef} arguments, in a stable order. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (String define : defines) {
            args.add("-A");
            args.add(define);
        }
        substitutions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> args.add(substdef(e.getKey(), e.getValue())));
        return args;
    }

    /** {@code --substdef=/NAME/value/}, with a delimiter the value does not contain (paths have slashes). */
    static String substdef(String name, String value) {
        for (char d : DELIMITERS.toCharArray()) {
            if (name.indexOf(d) < 0 && value.indexOf(d) < 0) {
                return "--substdef=" + d + name + d + value + d;
            }
        }
        throw new IllegalArgumentException("no substdef delimiter fits the value of " + name + ": " + value);
    }

    static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static void requireName(String name) {
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("kamailio define names are upper case letters, digits and '_': " + name);
        }
    }
}
