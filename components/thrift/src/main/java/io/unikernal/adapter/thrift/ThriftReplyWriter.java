package io.unikernal.adapter.thrift;

import io.unikernal.adapter.thrift.component.ServedReply;
import io.unikernal.adapter.thrift.component.ThriftDynamicConstants;
import io.unikernal.adapter.thrift.component.ThriftExceptionCarrier;
import io.unikernal.adapter.thrift.component.ThriftMethod;
import io.unikernal.adapter.thrift.component.ThriftValueException;
import io.unikernal.runtime.ErrorReplyProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.thrift.TApplicationException;

/**
 * Turns the route's final message into the answer of the Thrift call it serves, in the route (so a body that does
 * not fit fails the route like any step: dead letter, and the caller gets INTERNAL_ERROR):
 * <ul>
 * <li>after a failure whose cause is a declared exception a called Thrift service threw, and whose type the served
 * method declares too (same type name): that exception, with the fields it came with;</li>
 * <li>after any other failure: TApplicationException INTERNAL_ERROR with the kernel's error reply in one line (a
 * rejection's reason, or "the message could not be processed ..." and the correlation id), never an exception's
 * text;</li>
 * <li>a reply header {@code thrift-exception} naming a declared exception (its type or throws-field name): that
 * exception, the body its fields;</li>
 * <li>otherwise the body is the result, checked against the method's return type (ignored for void).</li>
 * </ul>
 */
public final class ThriftReplyWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        ThriftMethod method = exchange.getProperty(ThriftDynamicConstants.METHOD_PROPERTY, ThriftMethod.class);
        if (method == null) {
            throw new IllegalStateException("the thrift reply writer runs in a route served by thrift-dynamic only");
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            ThriftExceptionCarrier declared = declaredBy(method, failure);
            ServedReply reply = new ServedReply.Failure(TApplicationException.INTERNAL_ERROR,
                    ErrorReplyProcessor.describe(message.getBody()));
            if (declared != null) {
                try {
                    reply = ServedReply.declared(method, declared.exceptionType(), declared.exceptionFields());
                } catch (ThriftValueException e) {
                    // the called service's exception does not fit the served IDL's type of that name
                }
            }
            exchange.setProperty(ThriftDynamicConstants.REPLY_PROPERTY, reply);
            return;
        }
        try {
            exchange.setProperty(ThriftDynamicConstants.REPLY_PROPERTY, ServedReply.fromBody(method,
                    message.getBody(), message.getHeader(ThriftDynamicConstants.EXCEPTION, String.class)));
        } catch (ThriftValueException e) {
            throw new IllegalStateException("the route's reply does not fit: " + e.getMessage() + "; make the"
                    + " route's final body a " + (method.result() == null ? "void result" : method.result()
                            .display()) + " (its reply:)");
        }
    }

    /** The declared exception in the failure's causes that the served method declares as well, or null. */
    private static ThriftExceptionCarrier declaredBy(ThriftMethod method, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ThriftExceptionCarrier carrier && carrier.exceptionType() != null
                    && method.exception(carrier.exceptionType()) != null) {
                return carrier;
            }
        }
        return null;
    }
}
