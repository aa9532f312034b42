package io.unikernal.translate.thrift;

import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.grpc.component.ProtoMethod;
import io.unikernal.adapter.thrift.component.ThriftContract;
import io.unikernal.adapter.thrift.component.ThriftMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pairs every method of the exposed contract with its counterpart in the called one: the same name, else the name
 * with its first letter's case flipped (Thrift's lowerCamel {@code findOrder} is protobuf's UpperCamel
 * {@code FindOrder}); among several services, the one of the same name wins. Problems — no counterpart, two
 * counterparts, a streaming gRPC method, a oneway Thrift method, messages that cannot map ({@link TypeCheck}) — are
 * collected, one line each.
 */
final class MethodPairs {

    private final List<MethodPair> pairs = new ArrayList<>();
    private final TypeCheck check = new TypeCheck();

    private MethodPairs() {
    }

    /** The pairs for a translation exposing the Thrift contract and calling the .proto's services. */
    static MethodPairs exposingThrift(ThriftContract thrift, ProtoContract proto) {
        MethodPairs out = new MethodPairs();
        for (ThriftMethod method : thrift.methods().values()) {
            ProtoMethod counterpart = out.counterpart(method.fullName(), method.service(), method.name(),
                    proto.methods().values().stream().toList(), MethodPairs::serviceOf, MethodPairs::nameOf);
            if (counterpart != null) {
                out.add(new MethodPair(method, counterpart), Direction.TO_PROTO, method.fullName());
            }
        }
        return out;
    }

    /** The pairs for a translation exposing the .proto's services and calling the Thrift contract. */
    static MethodPairs exposingGrpc(ProtoContract proto, ThriftContract thrift) {
        MethodPairs out = new MethodPairs();
        for (ProtoMethod method : proto.methods().values()) {
            ThriftMethod counterpart = out.counterpart(method.fullName(), serviceOf(method), nameOf(method),
                    thrift.methods().values().stream().toList(), ThriftMethod::service, ThriftMethod::name);
            if (counterpart != null) {
                out.add(new MethodPair(counterpart, method), Direction.TO_THRIFT, method.fullName());
            }
        }
        return out;
    }

    List<MethodPair> pairs() {
        return pairs;
    }

    List<String> problems() {
        return check.problems();
    }

    private void add(MethodPair pair, Direction request, String path) {
        int before = check.problems().size();
        if (pair.proto().clientStreaming() || pair.proto().serverStreaming()) {
            check.refuse(path, "the gRPC method " + pair.proto().fullName() + " is " + pair.proto().kind()
                    + "; only unary methods map to Thrift calls");
        }
        if (pair.thrift().oneway()) {
            check.refuse(path, "the Thrift method " + pair.thrift().fullName() + " is oneway; a gRPC call always"
                    + " has an answer, so only methods with a reply map");
        }
        pair.check(check, request, path);
        if (check.problems().size() == before) {
            pairs.add(pair);
        }
    }

    private <M> M counterpart(String path, String service, String name, List<M> candidates,
            Function<M, String> serviceOf, Function<M, String> nameOf) {
        List<M> found = candidates.stream().filter(m -> nameOf.apply(m).equals(name)).toList();
        if (found.isEmpty()) {
            String flipped = flip(name);
            found = candidates.stream().filter(m -> nameOf.apply(m).equals(flipped)).toList();
        }
        if (found.size() > 1) {
            List<M> sameService = found.stream().filter(m -> serviceOf.apply(m).equals(service)).toList();
            found = sameService.isEmpty() ? found : sameService;
        }
        if (found.isEmpty()) {
            check.refuse(path, "the method has no counterpart named " + name + " or " + flip(name)
                    + " in the called contract");
            return null;
        }
        if (found.size() > 1) {
            check.refuse(path, "the method has " + found.size() + " counterparts (in services "
                    + found.stream().map(serviceOf).toList() + ") and none in a service named " + service
                    + "; rename one");
            return null;
        }
        return found.get(0);
    }

    private static String flip(String name) {
        char first = name.charAt(0);
        return (Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first))
                + name.substring(1);
    }

    /** The service's simple name ({@code Orders} of {@code shop.v1.Orders/Find}). */
    static String serviceOf(ProtoMethod method) {
        String service = method.fullName().substring(0, method.fullName().indexOf('/'));
        return service.substring(service.lastIndexOf('.') + 1);
    }

    static String nameOf(ProtoMethod method) {
        return method.fullName().substring(method.fullName().indexOf('/') + 1);
    }
}
