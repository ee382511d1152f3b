package io.sipdrill.chaos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.chaos.proxy.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the Toxiproxy API and its status codes, over HTTP. */
class ProxyApiStatusTest {

    private static final String HOST = "127.0.153.1";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FaultProxy proxy;
    private ToxiproxyApiServer api;

    @BeforeEach
    void start() throws Exception {
        proxy = new FaultProxy(FaultProxy.Options.defaults());
        api = ToxiproxyApiServer.start(proxy, new InetSocketAddress(HOST, 0));
    }

    @AfterEach
    void stop() {
        api.close();
        proxy.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private static String udp(String name) {
        return "{\"name\":\"" + name + "\",\"listen\":\"" + HOST + ":0\",\"upstream\":\"" + HOST + ":5060\",\"protocol\":\"udp\"}";
    }

    @Test
    void proxiesCreateShowUpdateDelete() throws Exception {
        assertThat(call("GET", "/version", null).statusCode()).isEqualTo(200);
        HttpResponse<String> created = call("POST", "/proxies", udp("a"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode p = body(created);
        assertThat(p.get("protocol").asText()).isEqualTo("udp");
        assertThat(p.get("enabled").asBoolean()).isTrue();
        assertThat(p.get("toxics").isArray()).isTrue();

        assertThat(call("POST", "/proxies", udp("a")).statusCode()).as("exists").isEqualTo(409);
        assertThat(body(call("POST", "/proxies", udp("a"))).get("error").asText()).isEqualTo("proxy already exists");
        assertThat(call("POST", "/proxies", "{not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/proxies", "").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/proxies", "{\"name\":\"b\"}").statusCode()).as("no upstream").isEqualTo(400);
        assertThat(call("POST", "/proxies", "{\"name\":\"b\",\"upstream\":\"192.0.2.10:5060\"}").statusCode())
                .as("not loopback").isEqualTo(400);
        assertThat(call("POST", "/proxies", "{\"name\":\"b\",\"upstream\":\"127.0.0.1:1\",\"protocol\":\"sctp\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/proxies", "{\"name\":\"b\",\"upstream\":\"127.0.0.1:1\",\"enabled\":\"yes\"}").statusCode())
                .isEqualTo(400);

        assertThat(call("GET", "/proxies", null).statusCode()).isEqualTo(200);
        assertThat(body(call("GET", "/proxies", null)).has("a")).isTrue();
        assertThat(call("GET", "/proxies/a", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/proxies/nope", null).statusCode()).isEqualTo(404);
        assertThat(body(call("GET", "/proxies/nope", null)).get("error").asText()).isEqualTo("proxy not found");

        HttpResponse<String> disabled = call("POST", "/proxies/a", "{\"enabled\":false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(body(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(call("PATCH", "/proxies/a", "{\"enabled\":true}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/proxies/nope", "{\"enabled\":true}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/proxies/a", "[1]").statusCode()).isEqualTo(400);

        assertThat(call("DELETE", "/proxies/a", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/proxies/a", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/nothing", null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/proxies", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void toxicsCreateShowUpdateDelete() throws Exception {
        call("POST", "/proxies", udp("u"));
        call("POST", "/proxies", "{\"name\":\"t\",\"listen\":\"" + HOST + ":0\",\"upstream\":\"" + HOST + ":9\"}");

        HttpResponse<String> added = call("POST", "/proxies/u/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":200}}");
        assertThat(added.statusCode()).isEqualTo(200);
        JsonNode t = body(added);
        assertThat(t.get("name").asText()).as("Toxiproxy's default name").isEqualTo("latency_downstream");
        assertThat(t.get("stream").asText()).isEqualTo("downstream");
        assertThat(t.get("toxicity").asDouble()).isEqualTo(1.0);
        assertThat(t.get("attributes").get("jitter").asLong()).isZero();

        assertThat(call("POST", "/proxies/u/toxics", "{\"type\":\"latency\"}").statusCode()).isEqualTo(409);
        assertThat(call("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/proxies/u/toxics", "{\"type\":\"teleport\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/proxies/u/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/proxies/u/toxics", "{\"name\":\"x\",\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/proxies/u/toxics", "{\"type\":\"slicer\"}").statusCode()).as("slicer on UDP").isEqualTo(400);
        assertThat(call("POST", "/proxies/t/toxics", "{\"type\":\"loss\"}").statusCode()).as("loss on TCP").isEqualTo(400);
        assertThat(call("POST", "/proxies/u/toxics", "{\"type\":\"loss\",\"attributes\":{\"probability\":0.1}}").statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/proxies/t/toxics", "{\"type\":\"slicer\",\"stream\":\"upstream\"}").statusCode()).isEqualTo(200);

        assertThat(body(call("GET", "/proxies/u/toxics", null))).hasSize(2);
        assertThat(call("GET", "/proxies/nope/toxics", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/proxies/u/toxics/latency_downstream", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/proxies/u/toxics/nope", null).statusCode()).isEqualTo(404);

        HttpResponse<String> updated = call("POST", "/proxies/u/toxics/latency_downstream",
                "{\"attributes\":{\"jitter\":20},\"toxicity\":0.5}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(body(updated).get("attributes").get("latency").asLong()).as("kept").isEqualTo(200);
        assertThat(body(updated).get("attributes").get("jitter").asLong()).isEqualTo(20);
        assertThat(body(updated).get("toxicity").asDouble()).isEqualTo(0.5);
        assertThat(call("PATCH", "/proxies/u/toxics/nope", "{}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/proxies/u/toxics/latency_downstream", "{\"toxicity\":7}").statusCode()).isEqualTo(400);

        assertThat(call("DELETE", "/proxies/u/toxics/latency_downstream", null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/proxies/u/toxics/latency_downstream", null).statusCode()).isEqualTo(404);

        call("POST", "/proxies/u", "{\"enabled\":false}");
        assertThat(call("POST", "/reset", null).statusCode()).isEqualTo(204);
        JsonNode u = body(call("GET", "/proxies/u", null));
        assertThat(u.get("enabled").asBoolean()).isTrue();
        assertThat(u.get("toxics")).isEmpty();
    }

    @Test
    void populateAndMetrics() throws Exception {
        String routes = "[" + udp("p1") + ",{\"name\":\"p2\",\"listen\":\"" + HOST + ":0\",\"upstream\":\"" + HOST + ":9\"}]";
        HttpResponse<String> r = call("POST", "/populate", routes);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(body(r).get("proxies")).hasSize(2);
        assertThat(call("POST", "/populate", "[" + udp("p3") + "," + udp("p3") + "]").statusCode()).as("duplicate").isEqualTo(400);
        assertThat(call("POST", "/populate", "{}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/populate", "[{\"name\":\"p4\"}]").statusCode()).isEqualTo(400);

        HttpResponse<String> m = call("GET", "/metrics", null);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("toxiproxy_proxy_received_bytes_total{direction=\"upstream\",proxy=\"p1\"")
                .contains("sipdrill_proxy_dropped_packets_total{proxy=\"p2\",reason=\"overflow\"} 0")
                .contains("# TYPE sipdrill_toxic_dropped_packets_total counter");
    }

    @Test
    void routeNamesWithArrowsWorkUrlEncoded() throws Exception {
        assertThat(call("POST", "/proxies", udp("handsets->registrar")).statusCode()).isEqualTo(201);
        assertThat(call("GET", "/proxies/handsets-%3Eregistrar", null).statusCode()).isEqualTo(200);
    }
}
