package io.sipdrill.chaos.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipdrill.chaos.proxy.ProxyException;
import io.sipdrill.chaos.proxy.Route;
import io.sipdrill.chaos.proxy.RouteSpec;
import io.sipdrill.chaos.proxy.ToxicRequest;
import io.sipdrill.chaos.toxic.ToxicSpec;
import io.sipdrill.chaos.toxic.Transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Toxiproxy's JSON shapes, both ways: proxies ({@code name, listen, upstream, enabled, toxics} and
 * sipdrill's {@code protocol}), toxics ({@code attributes, name, type, stream, toxicity}). A field
 * of the wrong type is a {@link ProxyException.InvalidRequest} ("bad request body"), as Go's decoder
 * makes it in Toxiproxy.
 */
public final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    public static ObjectNode proxy(Route r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", r.name());
        n.put("listen", hostPort(r.listen()));
        n.put("upstream", hostPort(r.upstream()));
        n.put("enabled", r.enabled());
        n.put("protocol", r.transport().wireName());
        ArrayNode toxics = n.putArray("toxics");
        r.toxics().forEach(t -> toxics.add(toxic(t)));
        return n;
    }

    public static ObjectNode toxic(ToxicSpec t) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode attrs = n.putObject("attributes");
        t.attributes().asMap().forEach((k, v) -> {
            if (v instanceof Double d) {
                attrs.put(k, d);
            } else {
                attrs.put(k, v.longValue());
            }
        });
        n.put("name", t.name());
        n.put("type", t.typeName());
        n.put("stream", t.stream().wireName());
        n.put("toxicity", (float) t.toxicity());
        return n;
    }

    /** Go's {@code net.Addr.String()}: {@code 127.0.0.1:8474}, {@code [::1]:8474}. */
    public static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Parses a request body; an empty or broken body is a bad request. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw bad("EOF");
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw bad("EOF");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw bad(e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw bad(e.getMessage());
        }
    }

    /** One route of a create request or a populate array; {@code enabled} defaults to true. */
    public static RouteSpec routeSpec(JsonNode n) {
        object(n, "proxy");
        String protocol = text(n, "protocol");
        Transport transport;
        try {
            transport = protocol == null || protocol.isEmpty() ? Transport.TCP : Transport.parse(protocol);
        } catch (IllegalArgumentException e) {
            throw new ProxyException.InvalidRequest(e.getMessage());
        }
        Boolean enabled = bool(n, "enabled");
        return new RouteSpec(nonNull(text(n, "name")), nonNull(text(n, "listen")), nonNull(text(n, "upstream")),
                enabled == null || enabled, transport);
    }

    public static List<RouteSpec> routeSpecs(JsonNode n) {
        if (!n.isArray()) {
            throw bad("populate takes a JSON array of proxies");
        }
        List<RouteSpec> out = new ArrayList<>();
        n.forEach(p -> out.add(routeSpec(p)));
        return out;
    }

    static ToxicRequest toxicRequest(JsonNode n) {
        object(n, "toxic");
        Double toxicity = number(n, "toxicity");
        return new ToxicRequest(text(n, "name"), text(n, "type"), text(n, "stream"), toxicity, attributes(n));
    }

    static Map<String, Object> attributes(JsonNode n) {
        JsonNode a = n.get("attributes");
        if (a == null || a.isNull()) {
            return Map.of();
        }
        if (!a.isObject()) {
            throw bad("attributes must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = MAPPER.convertValue(a, Map.class);
        return m;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field + " must be a string");
        }
        return v.asText();
    }

    static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw bad(field + " must be true or false");
        }
        return v.asBoolean();
    }

    static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw bad(field + " must be a number");
        }
        return v.asDouble();
    }

    static void object(JsonNode n, String what) {
        if (!n.isObject()) {
            throw bad("a " + what + " must be a JSON object");
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    static ProxyException.InvalidRequest bad(String detail) {
        return new ProxyException.InvalidRequest("bad request body: " + detail);
    }
}
