package io.unikernal.spi.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;
import org.junit.jupiter.api.Test;

/** Which contract cases run for which declared capabilities, and the reasons given for the others. */
class ContractCaseTest {

    /** An adapter whose roles declare exactly these capabilities (null: the role is not offered). */
    private static Adapter declaring(Set<Capability> source, Set<Capability> target, Set<Capability> keyStore) {
        return new Adapter() {
            @Override
            public AdapterInfo info() {
                return new AdapterInfo("declared", "for this test", "none");
            }

            @Override
            public List<Option<?>> systemOptions() {
                return List.of();
            }

            @Override
            public Optional<SourceRole> source() {
                return Optional.ofNullable(source).map(caps -> new SourceRole() {
                    @Override
                    public Set<Capability> capabilities() {
                        return caps;
                    }

                    @Override
                    public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
                        return Optional.empty();
                    }

                    @Override
                    public String uri(SystemUse use, CompileContext ctx) {
                        return "direct:x";
                    }

                    @Override
                    public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
                    }
                });
            }

            @Override
            public Optional<TargetRole> target() {
                return Optional.ofNullable(target).map(caps -> new TargetRole() {
                    @Override
                    public Set<Capability> capabilities() {
                        return caps;
                    }

                    @Override
                    public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
                    }
                });
            }

            @Override
            public Optional<KeyStoreRole> keyStore() {
                return Optional.ofNullable(keyStore).map(caps -> new KeyStoreRole() {
                    @Override
                    public Set<Capability> capabilities() {
                        return caps;
                    }

                    @Override
                    public String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx) {
                        return "keys";
                    }
                });
            }
        };
    }

    private static List<ContractCase> running(Adapter adapter) {
        return Arrays.stream(ContractCase.values()).filter(c -> c.runsFor(adapter)).toList();
    }

    @Test
    void aPlainInProcessTargetRunsTheCasesEveryTargetRuns() {
        Adapter plain = declaring(null, Set.of(), null);
        assertThat(running(plain)).containsExactly(ContractCase.TARGET_OPEN_CLOSE,
                ContractCase.TARGET_EVERY_MESSAGE_ONCE);
        assertThat(ContractCase.TARGET_HEADER_FILTER.whyNot(plain)).contains(
                "the target has no server of its own (nothing to stop or restart) and carries no headers (only the"
                        + " body)");
        assertThat(ContractCase.SOURCE_OPEN_CLOSE.whyNot(plain)).contains("it is no source");
        assertThat(ContractCase.KEY_STORE_SEMANTICS.whyNot(plain)).contains("it is no key store");
    }

    @Test
    void onlyTheMissingCapabilityIsNamed() {
        Adapter headers = declaring(null, Set.of(Capability.NATIVE_HEADERS), null);
        assertThat(running(headers)).contains(ContractCase.TARGET_UDM_ROUND_TRIP);
        assertThat(ContractCase.TARGET_HEADER_FILTER.whyNot(headers))
                .contains("the target has no server of its own (nothing to stop or restart)");
    }

    @Test
    void aScheduledSourceRunsOnlyWhatNeedsNoInput() {
        Adapter scheduled = declaring(Set.of(Capability.SCHEDULED, Capability.NATIVE_HEADERS), null, null);
        assertThat(running(scheduled)).containsExactly(ContractCase.SOURCE_OPEN_CLOSE);
        assertThat(ContractCase.SOURCE_EVERY_MESSAGE_ONCE.whyNot(scheduled))
                .contains("the source makes its own messages on a schedule: nothing can be sent to it");
    }

    @Test
    void remoteServersRunTheRestartCasesAndTheStartUpCasesOnlyWhenChecked() {
        Adapter remote = declaring(Set.of(Capability.REMOTE_SERVER, Capability.DURABLE),
                Set.of(Capability.REMOTE_SERVER, Capability.NATIVE_HEADERS), Set.of(Capability.REMOTE_SERVER));
        assertThat(running(remote)).contains(ContractCase.SOURCE_SERVER_RESTART,
                ContractCase.SOURCE_KEEPS_MESSAGES_WHILE_STOPPED, ContractCase.TARGET_SERVER_RESTART,
                ContractCase.TARGET_HEADER_FILTER, ContractCase.KEY_STORE_SERVER_RESTART);
        assertThat(ContractCase.DOWN_AT_START_RETRIED.whyNot(remote))
                .contains("the system is not checked before the app starts (each call finds out on its own)");
        Adapter checked = declaring(null, Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START), null);
        assertThat(running(checked)).contains(ContractCase.DOWN_AT_START_RETRIED,
                ContractCase.BAD_ENDPOINT_FAILS_AT_START);
        // each need declared by one role, but no role with both: the case does not run, and both are named
        Adapter split = declaring(Set.of(Capability.CHECKED_AT_START), Set.of(Capability.REMOTE_SERVER), null);
        assertThat(ContractCase.DOWN_AT_START_RETRIED.whyNot(split)).hasValueSatisfying(why -> assertThat(why)
                .contains("has no server of its own").contains("is not checked before the app starts"));
        assertThat(ContractCase.BAD_ENDPOINT_FAILS_AT_START.whyNot(declaring(Set.of(), Set.of(), null)))
                .contains("the system has no server of its own (nothing to stop or restart) and is not checked"
                        + " before the app starts (each call finds out on its own)");
    }

    @Test
    void everyCaseSaysWhatItChecksAndWhenItApplies() {
        for (ContractCase c : ContractCase.values()) {
            assertThat(c.title()).as(c.name()).isNotBlank();
            assertThat(c.checks()).as(c.name()).endsWith(".");
            assertThat(c.appliesWhen()).as(c.name()).isNotBlank().doesNotContain("\n");
            assertThat(java.util.Collections.disjoint(c.needs(), c.ruledOutBy())).as(c.name()).isTrue();
        }
    }
}
