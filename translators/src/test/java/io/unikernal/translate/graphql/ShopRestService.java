package io.unikernal.translate.graphql;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.unikernal.runtime.StrictJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real REST service on a loopback port (the JDK's HTTP server) that a GraphQL to REST translation calls, recording
 * every request it gets (so a test can count calls): users by id ({@code 404} unknown, {@code boom} answers 500, {@code slow} after 1.5 s),
 * users by role and tags, a user's orders and friends, and creating a user (its body echoed with an id).
 */
final class ShopRestService implements AutoCloseable {

    /** One request as the service got it. */
    record Call(String verb, String uri, String correlationId, String authorization, String body) {
        String line() {
            return verb + " " + uri;
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);

    ShopRestService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Map<String, Object> user(String id) {
        return switch (id) {
            case "1" -> Map.of("id", "1", "name", "Ada", "role", "ADMIN", "tags", List.of("x", "y"),
                    "address", Map.of("city", "Paris"));
            case "2" -> Map.of("id", "2", "name", "Bob", "role", "MEMBER", "tags", List.of());
            default -> null;
        };
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uri = exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                : "?" + exchange.getRequestURI().getRawQuery());
        String verb = exchange.getRequestMethod();
        calls.add(new Call(verb, uri, exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                exchange.getRequestHeaders().getFirst("Authorization"), body.isEmpty() ? null : body));
        String[] path = exchange.getRequestURI().getPath().split("/");
        try {
            if (verb.equals("POST") && uri.equals("/users")) {
                Map<String, Object> created = new LinkedHashMap<>(StrictJson.read(body, Map.class));
                created.put("id", "u-" + created.get("name"));
                send(exchange, 201, created);
            } else if (verb.equals("GET") && path.length == 2 && path[1].equals("users")) {
                String query = exchange.getRequestURI().getQuery();
                List<Object> users = new ArrayList<>();
                for (String id : List.of("1", "2")) {
                    if (query == null || query.contains("role=" + user(id).get("role"))) {
                        users.add(user(id));
                    }
                }
                send(exchange, 200, users);
            } else if (verb.equals("GET") && path.length == 3 && path[1].equals("users")) {
                if (path[2].equals("slow")) {
                    sleep(); // the service outlives the translation's timeout on purpose
                    send(exchange, 200, user("1"));
                } else if (path[2].equals("boom")) {
                    send(exchange, 500, Map.of("error", "java.lang.IllegalStateException: at the service"));
                } else if (user(path[2]) == null) {
                    send(exchange, 404, Map.of("error", "no user " + path[2]));
                } else {
                    send(exchange, 200, user(path[2]));
                }
            } else if (verb.equals("GET") && path.length == 4 && path[3].equals("orders")) {
                send(exchange, 200, List.of(Map.of("id", "o-" + path[2], "total", 9.5, "lines",
                        List.of(Map.of("sku", "s-1", "quantity", 2)))));
            } else if (verb.equals("GET") && path.length == 4 && path[3].equals("friends")) {
                send(exchange, 200, List.of(user(path[2].equals("1") ? "2" : "1")));
            } else {
                send(exchange, 404, Map.of("error", "no such resource"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("error", e.toString()));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers {@code body} as JSON with {@code status} (the test peers' one way to answer). */
    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = StrictJson.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
