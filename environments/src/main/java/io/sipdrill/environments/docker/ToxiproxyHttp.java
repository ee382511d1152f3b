package io.sipdrill.environments.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few Toxiproxy API calls toxiproxy-java does not make: a proxy's {@code protocol} (sipdrill's
 * UDP routes; the client's model has no such field) and toxics of types the client has no class
 * for ({@code loss}, {@code duplicate}, {@code reorder}), each one JSON request as the API defines.
 *
 * <pre>{@code
 * ToxiproxyHttp http = new ToxiproxyHttp(new InetSocketAddress("127.0.5.100", 8474));
 * http.post("/proxies/" + ToxiproxyHttp.segment("handsets->registrar") + "/toxics", json);
 * }</pre>
 */
final class ToxiproxyHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ToxiproxyHttp(InetSocketAddress api) {
        this.base = "http://" + DockerService.hostPort(api);
    }

    /** The body of a 200 answer to GET {@code path}. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET(), path).body());
    }

    /** POSTs {@code body} as JSON; throws on any status from 400 on. */
    void post(String path, Object body) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), path);
    }

    /** DELETEs {@code path}; false when it was not there (404). */
    boolean delete(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        check(response, "DELETE " + path);
        return true;
    }

    /** A proxy or toxic name as one path segment ({@code handsets->registrar} has a '>'). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String url() {
        return base;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(TIMEOUT).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        check(response, built.method() + " " + path);
        return response;
    }

    private static void check(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() >= 400) {
            String error = response.body();
            try {
                JsonNode node = JSON.readTree(error);
                if (node != null && node.hasNonNull("error")) {
                    error = node.get("error").asText();
                }
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new IOException(what + ": " + response.statusCode() + " " + error);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
