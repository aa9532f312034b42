package io.unikernal.adapter.core;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.SourcePeer;
import java.nio.file.Path;
import org.apache.camel.CamelContext;

/** The adapter contract suite for timer: a scheduled source, so its peer is the schedule itself. */
class TimerContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new AdapterFixture() {
            @Override
            public String adapter() {
                return "timer";
            }

            @Override
            public SourcePeer sourcePeer(Path workDir) {
                return new SourcePeer() {
                    @Override
                    public String system() {
                        return "{adapter: timer, period: 50ms, body: {tick: true}}";
                    }

                    @Override
                    public Received send(CamelContext app, ContractMessage message) {
                        throw new UnsupportedOperationException("a timer takes no input");
                    }
                };
            }
        };
    }
}
