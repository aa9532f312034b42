package io.unikernal.testkit.contract;

import org.apache.camel.CamelContext;

/** What feeds a source natively: an HTTP caller, a producer on the queue, a file written into the folder. */
public interface SourcePeer extends SystemPeer {

    /**
     * Sends {@code message} the way a real sender would, with its correlation id where the protocol carries one.
     * Returns the reply, decoded, for a request/reply source; null for a one-way one. {@code app} is the running app,
     * or null when a case sends while the app is stopped (durable sources only). A scheduled source takes no input:
     * the suite never calls this for one.
     */
    Received send(CamelContext app, ContractMessage message) throws Exception;
}
