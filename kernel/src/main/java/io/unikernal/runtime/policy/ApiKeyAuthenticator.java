package io.unikernal.runtime.policy;

import io.unikernal.runtime.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * L1 and L3 of a route's policy: the caller must present a known API key (else 401) and, when the route names
 * roles, hold one of them (else 403). The key header is removed either way, so no step, target or log line ever
 * sees it; the caller's identity travels on as the {@value #CALLER} header.
 *
 * <p>Configured by a JSON {@code spec}: {@code {route, header, roles, keysFile, keys: [{id, sha256, roles}]}}.
 */
public final class ApiKeyAuthenticator implements Processor {

    /** The header (and exchange property) that names the authenticated caller. */
    public static final String CALLER = io.unikernal.udm.UdmHeaders.CALLER;

    private String route;
    private String header = "X-Api-Key";
    private Set<String> roles = Set.of();
    private ApiKeyStore store;

    public void setSpec(String json) {
        Map<?, ?> spec = StrictJson.read(json, Map.class);
        route = (String) spec.get("route");
        header = spec.get("header") == null ? "X-Api-Key" : (String) spec.get("header");
        // a key printed next to its header name (header=..., header: ...) is masked in logs
        io.unikernal.runtime.SecretMasker.addCredentialKey(header);
        roles = Set.copyOf(strings(spec.get("roles")));
        List<ApiKeyStore.Caller> inline = new ArrayList<>();
        Object keys = spec.get("keys");
        if (keys instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> key = (Map<?, ?>) item;
                inline.add(new ApiKeyStore.Caller((String) key.get("id"),
                        HexFormat.of().parseHex((String) key.get("sha256")), Set.copyOf(strings(key.get("roles")))));
            }
        }
        Object file = spec.get("keysFile");
        store = new ApiKeyStore(inline, file == null ? null : Path.of((String) file));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String presented = message.getHeader(header, String.class);
        message.removeHeader(header);
        ApiKeyStore.Caller caller = presented == null || presented.isEmpty() ? null : store.find(presented);
        if (caller == null) {
            throw PolicyRejectedException.unauthenticated(header);
        }
        message.setHeader(CALLER, caller.id());
        exchange.setProperty(CALLER, caller.id());
        if (!roles.isEmpty() && caller.roles().stream().noneMatch(roles::contains)) {
            throw PolicyRejectedException.forbidden(caller.id(), route);
        }
    }
}
