package io.unikernal.spi.adapter;

import java.util.Objects;

/**
 * Something a route consumes, described so the kernel can compare uses of any adapter: two routes on the same
 * {@code transport} and {@code address} clash when their {@code qualifier}s are equal or either is absent (any
 * method); {@code display} is how messages name it ({@code POST /orders}, {@code seda 'review'}).
 */
public record Channel(String transport, String address, String qualifier, String display) {

    public Channel {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(display, "display");
    }

    /** A named in-process queue, e.g. {@code seda 'review'}: any two consumers of one name clash. */
    public static Channel queue(String transport, String name) {
        return new Channel(transport, name, null, transport + " '" + name + "'");
    }

    public boolean clashesWith(Channel other) {
        return transport.equals(other.transport) && address.equals(other.address)
                && (qualifier == null || other.qualifier == null || qualifier.equals(other.qualifier));
    }

    /** The same channel, whatever the qualifier: a call that feeds it reaches its consumer. */
    public boolean sameAddress(Channel other) {
        return transport.equals(other.transport) && address.equals(other.address);
    }
}
