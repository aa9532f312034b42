package io.unikernal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.spec.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plug-in problem codes are namespaced, and refused when they load if two share a tag or a namespace. */
class ProblemCodesTest {

    private record Declaring(String name, List<ProblemCode> problemCodes) implements Adapter {
        @Override
        public AdapterInfo info() {
            return new AdapterInfo(name, "declares codes", "test");
        }

        @Override
        public List<Option<?>> systemOptions() {
            return List.of();
        }
    }

    @Test
    void aPluginsCodesAreTaggedInItsNamespaceAndListedAfterTheKernels() {
        ProblemCode portInUse = new PluginProblemCode("ACME", 1, "the port is taken");
        ProblemCodes codes = Adapters.of(new Declaring("acme", List.of(portInUse))).problemCodes();

        assertThat(portInUse.tag()).isEqualTo("ACME-001");
        assertThat(codes.byTag("ACME-001")).isSameAs(portInUse);
        assertThat(codes.all()).startsWith(UdlErrorCode.values()).endsWith(portInUse);
    }

    @Test
    void twoCodesWithOneTagAreRefusedWhenThePluginsLoad() {
        Adapter first = new Declaring("acme", List.of(new PluginProblemCode("ACME", 1, "one"),
                new PluginProblemCode("ACME", 1, "two")));
        assertThatThrownBy(() -> Adapters.of(first)).isInstanceOf(IllegalStateException.class)
                .hasMessage("adapter acme declares problem code ACME-001 twice");
    }

    @Test
    void aNamespaceBelongsToThePluginThatUsesItFirst() {
        Adapter acme = new Declaring("acme", List.of(new PluginProblemCode("ACME", 1, "one")));
        Adapter other = new Declaring("other", List.of(new PluginProblemCode("ACME", 2, "two")));
        assertThatThrownBy(() -> Adapters.of(acme, other)).isInstanceOf(IllegalStateException.class)
                .hasMessage("adapter other declares problem code ACME-002 in namespace ACME, which belongs to "
                        + "adapter acme");
    }

    @Test
    void theKernelsNamespaceIsNotAPluginsToUse() {
        assertThatThrownBy(() -> new PluginProblemCode("UDL", 99, "mine")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UDL is the kernel's");
        assertThatThrownBy(() -> new PluginProblemCode("acme", 1, "lower case"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
