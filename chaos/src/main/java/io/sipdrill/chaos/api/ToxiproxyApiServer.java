package io.sipdrill.chaos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.ProxyException;
import io.sipdrill.chaos.proxy.Route;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Toxiproxy's HTTP API over a {@link FaultProxy}, so {@code toxiproxy-java}, Testcontainers'
 * Toxiproxy module and {@code toxiproxy-cli} drive sipdrill's proxy unchanged:
 *
 * <pre>
 * GET  /version                          200
 * GET  /proxies                          200  {name: proxy, …}
 * POST /proxies                          201  proxy        (400 bad body, 409 exists, 500 listen failed)
 * POST /populate                         201  {"proxies": […]}
 * GET  /proxies/{p}                      200  proxy        (404)
 * POST|PATCH /proxies/{p}                200  proxy        (404, 400)
 * DELETE /proxies/{p}                    204               (404)
 * GET  /proxies/{p}/toxics               200  [toxic, …]   (404)
 * POST /proxies/{p}/toxics               200  toxic        (404, 400, 409)
 * GET  /proxies/{p}/toxics/{t}           200  toxic        (404)
 * POST|PATCH /proxies/{p}/toxics/{t}     200  toxic        (404, 400)
 * DELETE /proxies/{p}/toxics/{t}         204               (404)
 * POST /reset                            204
 * GET  /metrics                          200  Prometheus text
 * </pre>
 *
 * Errors are {@code {"error": "…", "status": N}}. A proxy may carry {@code "protocol": "udp"}
 * (default {@code tcp}).
 *
 * <pre>{@code
 * try (FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults());
 *      ToxiproxyApiServer api = ToxiproxyApiServer.start(proxy, ToxiproxyApiServer.DEFAULT_ADDRESS)) { … }
 * }</pre>
 */
public final class ToxiproxyApiServer implements AutoCloseable {

    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 8474);
    /** The Toxiproxy API version these endpoints follow. */
    public static final String VERSION = "2.12.0-sipdrill";

    private static final System.Logger LOG = System.getLogger(ToxiproxyApiServer.class.getName());

    private final FaultProxy proxy;
    private final HttpServer server;
    private final ExecutorService executor;

    private ToxiproxyApiServer(FaultProxy proxy, HttpServer server, ExecutorService executor) {
        this.proxy = proxy;
        this.server = server;
        this.executor = executor;
    }

    /** @throws java.net.BindException when the address is in use */
    public static ToxiproxyApiServer start(FaultProxy proxy, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sipdrill-proxy-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        ToxiproxyApiServer api = new ToxiproxyApiServer(proxy, server, executor);
        server.createContext("/", api::exchange);
        server.start();
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        return "http://" + ApiJson.hostPort(address());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ dispatch

    /** A handler's answer: a status and a JSON body, plain text, or nothing. */
    private record Reply(int status, Object body) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, body);
        }

        static Reply empty(int status) {
            return new Reply(status, null);
        }
    }

    /** A path or method the API does not have. */
    private static final class NoSuchEndpoint extends RuntimeException {
        final int status;

        NoSuchEndpoint(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void exchange(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            String agent = ex.getRequestHeaders().getFirst("User-Agent");
            if (agent != null && agent.startsWith("Mozilla/")) {
                reply = error(403, "User agent not allowed"); // as Toxiproxy: no CSRF from browsers
            } else {
                reply = dispatch(ex.getRequestMethod(), segments(ex), body(ex));
            }
        } catch (ProxyException e) {
            reply = error(status(e), e.getMessage());
        } catch (NoSuchEndpoint e) {
            reply = error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "proxy API: " + ex.getRequestMethod() + " " + ex.getRequestURI(), e);
            reply = error(500, String.valueOf(e.getMessage()));
        }
        write(ex, reply);
    }

    /** The one place a typed error becomes an HTTP status. */
    static int status(ProxyException e) {
        if (e instanceof ProxyException.NotFound) {
            return 404;
        }
        if (e instanceof ProxyException.AlreadyExists) {
            return 409;
        }
        if (e instanceof ProxyException.InvalidRequest) {
            return 400;
        }
        return 500; // ListenFailed: Toxiproxy answers a failed listen with 500 too
    }

    private Reply dispatch(String method, List<String> path, byte[] body) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        boolean update = m.equals("POST") || m.equals("PATCH");
        switch (path.size()) {
            case 1 -> {
                switch (path.get(0)) {
                    case "version" -> {
                        requireMethod(m.equals("GET"));
                        return Reply.json(200, ApiJson.MAPPER.createObjectNode().put("version", VERSION));
                    }
                    case "proxies" -> {
                        if (m.equals("GET")) {
                            ObjectNode all = ApiJson.MAPPER.createObjectNode();
                            proxy.routes().forEach(r -> all.set(r.name(), ApiJson.proxy(r)));
                            return Reply.json(200, all);
                        }
                        requireMethod(m.equals("POST"));
                        return Reply.json(201, ApiJson.proxy(proxy.create(ApiJson.routeSpec(ApiJson.parse(body)))));
                    }
                    case "populate" -> {
                        requireMethod(m.equals("POST"));
                        List<Route> routes = proxy.populate(ApiJson.routeSpecs(ApiJson.parse(body)));
                        ObjectNode out = ApiJson.MAPPER.createObjectNode();
                        routes.forEach(r -> out.withArray("proxies").add(ApiJson.proxy(r)));
                        if (routes.isEmpty()) {
                            out.putArray("proxies");
                        }
                        return Reply.json(201, out);
                    }
                    case "reset" -> {
                        requireMethod(m.equals("POST"));
                        proxy.reset();
                        return Reply.empty(204);
                    }
                    case "metrics" -> {
                        requireMethod(m.equals("GET"));
                        return new Reply(200, PrometheusText.render(proxy.routes()));
                    }
                    default -> throw notFound();
                }
            }
            case 2 -> {
                requireProxies(path);
                String name = path.get(1);
                if (m.equals("GET")) {
                    return Reply.json(200, ApiJson.proxy(proxy.route(name)));
                }
                if (m.equals("DELETE")) {
                    proxy.delete(name);
                    return Reply.empty(204);
                }
                requireMethod(update);
                proxy.route(name); // 404 before 400, as Toxiproxy
                JsonNode n = ApiJson.parse(body);
                ApiJson.object(n, "proxy");
                return Reply.json(200, ApiJson.proxy(proxy.update(name, ApiJson.text(n, "listen"),
                        ApiJson.text(n, "upstream"), ApiJson.bool(n, "enabled"))));
            }
            case 3 -> {
                requireProxies(path);
                requireToxics(path);
                String name = path.get(1);
                if (m.equals("GET")) {
                    var list = ApiJson.MAPPER.createArrayNode();
                    proxy.toxics(name).forEach(t -> list.add(ApiJson.toxic(t)));
                    return Reply.json(200, list);
                }
                requireMethod(m.equals("POST"));
                proxy.route(name);
                return Reply.json(200, ApiJson.toxic(proxy.addToxic(name, ApiJson.toxicRequest(ApiJson.parse(body)))));
            }
            case 4 -> {
                requireProxies(path);
                requireToxics(path);
                String name = path.get(1);
                String toxic = path.get(3);
                if (m.equals("GET")) {
                    return Reply.json(200, ApiJson.toxic(proxy.toxic(name, toxic)));
                }
                if (m.equals("DELETE")) {
                    proxy.removeToxic(name, toxic);
                    return Reply.empty(204);
                }
                requireMethod(update);
                proxy.toxic(name, toxic);
                JsonNode n = ApiJson.parse(body);
                ApiJson.object(n, "toxic");
                return Reply.json(200, ApiJson.toxic(proxy.updateToxic(name, toxic, ApiJson.attributes(n),
                        ApiJson.number(n, "toxicity"))));
            }
            default -> throw notFound();
        }
    }

    private static void requireProxies(List<String> path) {
        if (!path.get(0).equals("proxies")) {
            throw notFound();
        }
    }

    private static void requireToxics(List<String> path) {
        if (!path.get(2).equals("toxics")) {
            throw notFound();
        }
    }

    private static void requireMethod(boolean ok) {
        if (!ok) {
            throw new NoSuchEndpoint(405, "method not allowed");
        }
    }

    private static NoSuchEndpoint notFound() {
        return new NoSuchEndpoint(404, "404 page not found");
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, ApiJson.MAPPER.createObjectNode().put("error", message).put("status", status));
    }

    /** Path segments, each percent-decoded (a route may be named {@code handsets->registrar}). */
    private static List<String> segments(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawPath();
        List<String> out = new ArrayList<>();
        for (String s : raw.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** The one place a reply is written. */
    private static void write(HttpExchange ex, Reply reply) throws IOException {
        try (ex) {
            if (reply.body() == null) {
                ex.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] bytes;
            if (reply.body() instanceof JsonNode json) {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                bytes = ApiJson.MAPPER.writeValueAsBytes(json);
            } else {
                ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                bytes = reply.body().toString().getBytes(StandardCharsets.UTF_8);
            }
            ex.sendResponseHeaders(reply.status(), bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }
}
