package io.sipdrill.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.chaos.api.ApiJson;
import io.sipdrill.chaos.api.ToxiproxyApiServer;
import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.ProxyException;
import io.sipdrill.chaos.proxy.Route;
import io.sipdrill.load.net.AddressBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sipdrill proxy [--api HOST:PORT] [--config routes.json]}: sipdrill's fault proxy as a
 * standalone server speaking Toxiproxy's HTTP API (TCP and UDP routes). {@code routes.json} is in
 * Toxiproxy's {@code /populate} format, with an optional {@code "protocol": "udp"} per route.
 * Runs until Ctrl-C.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run sipdrill's fault proxy (TCP and UDP routes) with a Toxiproxy-compatible HTTP API.")
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "HOST:PORT", description = "where the HTTP API listens (default ${DEFAULT-VALUE})")
    String api = "127.0.0.1:8474";

    @Option(names = "--config", paramLabel = "FILE", description = "routes to create at start, in Toxiproxy's populate format")
    Path config;

    @Option(names = "--allow-target", paramLabel = "CIDR",
            description = "allow listen/upstream addresses in this block outside 127.0.0.0/8 (repeatable)")
    List<String> allowTargets = new ArrayList<>();

    /** Counted down to stop (the shutdown hook, or a test). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        TargetGuard guard = new TargetGuard(allowTargets);
        List<AddressBlock> allowed = guard.blocks();
        InetSocketAddress apiAddress = guard.check("--api", api);
        JsonNode routes = config == null ? null : readConfig(config);
        PrintWriter out = spec.commandLine().getOut();

        FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults().withAllowed(allowed));
        ToxiproxyApiServer server = null;
        try {
            if (routes != null) {
                try {
                    proxy.populate(ApiJson.routeSpecs(routes));
                } catch (ProxyException e) {
                    throw new BadInputException(config + ": " + e.getMessage());
                }
            }
            try {
                server = ToxiproxyApiServer.start(proxy, apiAddress);
            } catch (BindException e) {
                throw new BadInputException("--api " + api + " is already in use (another proxy or Toxiproxy?): " + e.getMessage());
            }
            out.println("sipdrill proxy: Toxiproxy API on " + server.url());
            for (Route r : proxy.routes()) {
                out.println("  " + r.name() + ": " + r.transport().wireName() + " " + ApiJson.hostPort(r.listen())
                        + " -> " + ApiJson.hostPort(r.upstream()) + (r.enabled() ? "" : " (disabled)"));
            }
            out.println("Ctrl-C stops it.");
            out.flush();
            Thread hook = new Thread(stop::countDown, "sipdrill-proxy-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            stop.await();
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
            proxy.close();
        }
    }

    private static JsonNode readConfig(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(file + " line " + line + ": " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new BadInputException("--config " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("--config " + file + ": " + e.getMessage());
        }
    }
}
