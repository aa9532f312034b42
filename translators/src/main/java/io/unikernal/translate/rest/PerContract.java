package io.unikernal.translate.rest;

import io.unikernal.adapter.grpc.component.ProtoContract;
import java.util.function.Function;

/**
 * What a translation derives from a contract (its bindings, its methods by the names a path gives), made again only
 * when the contract is: {@link ProtoContract#load} returns the same instance until the file changes.
 */
public final class PerContract<T> {

    private record Derived<T>(ProtoContract contract, T value) {
    }

    private final Function<ProtoContract, T> derive;
    private volatile Derived<T> current;

    public PerContract(Function<ProtoContract, T> derive) {
        this.derive = derive;
    }

    public T of(ProtoContract contract) {
        Derived<T> derived = current;
        if (derived == null || derived.contract() != contract) {
            derived = new Derived<>(contract, derive.apply(contract));
            current = derived;
        }
        return derived.value();
    }
}
