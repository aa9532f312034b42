package io.unikernal.udl.parse;

import io.unikernal.udl.spec.PolicySpec;
import io.unikernal.udl.model.PolicyDecl;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.notation.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Builds a route's {@link PolicyDecl} from its node. Lenient like {@link ModelBuilder}: the shape checker has
 * reported every malformed value, which is simply left out (or given its default) here.
 */
final class PolicyBuilder {

    private final String file;

    PolicyBuilder(String file) {
        this.file = file;
    }

    PolicyDecl policy(MappingNode map) {
        return new PolicyDecl(
                map(map, "auth") == null ? null : auth(map(map, "auth")),
                map(map, "rateLimit") == null ? null : rateLimit(map(map, "rateLimit")),
                duration(map, "timeout", null),
                map(map, "retry") == null ? null : retry(map(map, "retry")),
                map(map, "circuitBreaker") == null ? null : breaker(map(map, "circuitBreaker")),
                map(map, "bulkhead") == null ? null : Nodes.read(map(map, "bulkhead"), PolicySpec.BULKHEAD_MAX),
                map(map, "fallback") == null ? null : fallback(map(map, "fallback")),
                map(map, "idempotency") == null ? null : idempotency(map(map, "idempotency")),
                pos(map));
    }

    private PolicyDecl.Idempotency idempotency(MappingNode map) {
        Node key = Nodes.value(map, "key");
        if (!(key instanceof ScalarNode k) || Nodes.isNull(k)) {
            return null; // the shape check reports the missing key
        }
        Node store = Nodes.value(map, "store");
        return new PolicyDecl.Idempotency(new io.unikernal.udl.model.Expr(k.getValue(), Nodes.contentPos(file, k),
                Nodes.columnsExact(k)), text(map, "store"), pos(map), store == null ? pos(map) : pos(store));
    }

    private PolicyDecl.Auth auth(MappingNode map) {
        List<PolicyDecl.ApiKey> keys = new ArrayList<>();
        if (Nodes.value(map, "apiKeys") instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode key && text(key, "id") != null && text(key, "sha256") != null) {
                    keys.add(new PolicyDecl.ApiKey(text(key, "id"), text(key, "sha256"), strings(key, "roles"),
                            pos(key), pos(Nodes.value(key, "sha256"))));
                }
            }
        }
        Node keysFile = Nodes.value(map, "keysFile");
        return new PolicyDecl.Auth(Nodes.read(map, PolicySpec.AUTH_HEADER), List.copyOf(keys), text(map, "keysFile"),
                strings(map, "roles"), pos(map), keysFile == null ? pos(map) : pos(keysFile));
    }

    private PolicyDecl.RateLimit rateLimit(MappingNode map) {
        String rate = text(map, "rate");
        long permits = 0;
        Duration period = null;
        if (rate != null && rate.matches(io.unikernal.udl.spec.PolicySpec.RATE_REGEX)) {
            String[] parts = rate.split("/");
            permits = Long.parseLong(parts[0]);
            period = switch (parts[1]) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                default -> Duration.ofHours(1);
            };
        }
        Integer burst = Nodes.read(map, PolicySpec.RATE_BURST);
        Node rateNode = Nodes.value(map, "rate");
        return new PolicyDecl.RateLimit(rate, permits, period, burst == null ? permits : burst,
                "caller".equals(Nodes.read(map, PolicySpec.RATE_PER)), pos(map),
                rateNode == null ? pos(map) : pos(rateNode));
    }

    private PolicyDecl.Retry retry(MappingNode map) {
        Integer attempts = Nodes.read(map, PolicySpec.RETRY_ATTEMPTS);
        // attempts is required: without it (reported) one attempt lets the other checks run
        return new PolicyDecl.Retry(attempts == null ? 1 : attempts, Nodes.read(map, PolicySpec.RETRY_INITIAL),
                Nodes.read(map, PolicySpec.RETRY_MAX), Nodes.read(map, PolicySpec.RETRY_MULTIPLIER),
                Nodes.read(map, PolicySpec.RETRY_JITTER), pos(map));
    }

    private PolicyDecl.CircuitBreaker breaker(MappingNode map) {
        return new PolicyDecl.CircuitBreaker(Nodes.read(map, PolicySpec.BREAKER_FAILURE_RATE),
                Nodes.read(map, PolicySpec.BREAKER_SLOW_CALL_RATE), Nodes.read(map, PolicySpec.BREAKER_SLOW_CALL),
                Nodes.read(map, PolicySpec.BREAKER_WINDOW), Nodes.read(map, PolicySpec.BREAKER_MINIMUM_CALLS),
                Nodes.read(map, PolicySpec.BREAKER_HALF_OPEN_CALLS), Nodes.read(map, PolicySpec.BREAKER_WAIT_OPEN),
                pos(map));
    }

    private PolicyDecl.Fallback fallback(MappingNode map) {
        Node to = Nodes.value(map, "to");
        Node reply = Nodes.value(map, "reply");
        return new PolicyDecl.Fallback(text(map, "to"), reply == null ? null : Nodes.toJava(reply), pos(map),
                to == null ? pos(map) : pos(to));
    }

    // ---- lenient readers

    private static MappingNode map(MappingNode map, String key) {
        return Nodes.value(map, key) instanceof MappingNode m ? m : null;
    }

    private static String text(MappingNode map, String key) {
        return Nodes.value(map, key) instanceof ScalarNode s && !Nodes.isNull(s) ? s.getValue() : null;
    }

    private static Integer integer(MappingNode map, String key, Integer fallback) {
        return Nodes.value(map, key) instanceof ScalarNode s && Nodes.scalar(s) instanceof Long l
                && l <= Integer.MAX_VALUE ? Integer.valueOf(l.intValue()) : fallback;
    }

    private static Duration duration(MappingNode map, String key, Duration fallback) {
        Duration d = Durations.parse(text(map, key));
        return d == null ? fallback : d.truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<String> strings(MappingNode map, String key) {
        List<String> out = new ArrayList<>();
        if (Nodes.value(map, key) instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> {
                if (n instanceof ScalarNode s && !Nodes.isNull(s)) {
                    out.add(s.getValue());
                }
            });
        }
        return List.copyOf(out);
    }

    private SourcePos pos(Node node) {
        return Nodes.pos(file, node);
    }
}
