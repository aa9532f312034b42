package io.unikernal.adapter.soap;

import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a {@code soap} target reaches: {@link OrdersProvider} on CXF; each request read back with its HTTP headers. */
final class CallingPeer implements TargetPeer {

    private final ProviderServer server = new ProviderServer();
    private final Path wsdl;
    private final boolean restartable;

    CallingPeer(Path workDir, boolean restartable) {
        this.wsdl = ContractWsdl.write(workDir.resolve("wsdl-" + server.port));
        this.restartable = restartable;
    }

    @Override
    public String system() {
        return "{adapter: soap, address: \"" + server.url() + "\", wsdl: \"" + wsdl + "\"}";
    }

    @Override
    public String use() {
        return "operation: Take";
    }

    @Override
    public Optional<RestartableServer> server() {
        return restartable ? Optional.of(server) : Optional.empty();
    }

    @Override
    public List<Received> received() {
        return server.provider.calls.stream().map(call -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", SoapXml.child(call.body(), "id"));
            body.put("n", Integer.parseInt(SoapXml.child(call.body(), "n")));
            body.put("note", SoapXml.child(call.body(), "note"));
            Map<String, String> headers = new LinkedHashMap<>();
            call.headers().forEach((k, v) -> headers.put(k, String.join(",", v)));
            return new Received(body, call.header("X-Correlation-Id"), call.header("UdmSchema"),
                    call.header("UdmSchemaVersion"), headers);
        }).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
