package io.unikernal.translate.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SOAP translations' checks at their file:line:col: their own, and the soap adapter's of the systems used. */
class SoapTranslationChecksTest {

    @TempDir
    Path dir;

    private List<String> problems(String systems, String expose, String target) throws Exception {
        Path wsdl = dir.resolve("shop.wsdl");
        if (!Files.exists(wsdl)) {
            Files.copy(Path.of("src/test/resources/soap-rest/shop.wsdl"), wsdl);
        }
        String udl = "udl: 8\nname: t\nsystems:\n" + systems.replace("WSDL", wsdl.toString())
                + "translations:\n  - name: s1\n    expose: " + expose + "\n    target: " + target + "\n";
        return new UdlParser(Adapters.installed()).parse("app.udl", udl).problems().stream().map(UdlError::render)
                .toList();
    }

    private static final String SYSTEMS = "  api: {adapter: http, port: 8080}\n"
            + "  shop: {adapter: soap, address: \"http://127.0.0.1:9/shop\", wsdl: \"WSDL\", service: ShopService}\n"
            + "  served: {adapter: soap, port: 8081, wsdl: \"WSDL\", service: ShopService}\n"
            + "  backend: {adapter: http-client, url: \"http://127.0.0.1:9/api\"}\n";

    @Test
    void bothDirectionsAsDocumentedHaveNoProblems() throws Exception {
        assertThat(problems(SYSTEMS, "{system: api, protocol: rest, path: /shop}", "{system: shop}")).isEmpty();
        assertThat(problems(SYSTEMS, "{system: served, protocol: soap}", "{system: backend, path: /shop}"))
                .isEmpty();
    }

    @Test
    void aSoapTargetWithoutAnAddressIsRefusedAtTheTarget() throws Exception {
        assertThat(problems(SYSTEMS, "{system: api, protocol: rest, path: /shop}", "{system: served}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:11:").contains("no address")
                        .contains("[SOAP-004]"));
    }

    @Test
    void soapIsExposedOnlyOnASoapSystemWithAPort() throws Exception {
        assertThat(problems(SYSTEMS, "{system: api, protocol: soap}", "{system: backend}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("does not serve SOAP")
                        .contains("[TRANSLATE-006]"));
        assertThat(problems(SYSTEMS, "{system: shop, protocol: soap}", "{system: backend}"))
                .as("the soap adapter's own check of each operation served")
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:10:").contains("no port").contains("[SOAP-003]"));
    }

    @Test
    void aRouteServingAnOperationOfTheWsdlClashesWithTheTranslation() throws Exception {
        String systems = SYSTEMS + "routes:\n  - name: r\n    from: {system: served, operation: Notify}\n"
                + "    steps:\n      - log: hi\n";
        assertThat(problems(systems, "{system: served, protocol: soap}", "{system: backend}"))
                .anySatisfy(p -> assertThat(p).contains("[TRANSLATE-002]").contains("Notify"));
    }

    @Test
    void aTargetPathMustBeAPath() throws Exception {
        assertThat(problems(SYSTEMS, "{system: served, protocol: soap}", "{system: backend, path: \"shop?x=1\"}"))
                .anySatisfy(p -> assertThat(p).startsWith("app.udl:11:").contains("path"));
    }
}
