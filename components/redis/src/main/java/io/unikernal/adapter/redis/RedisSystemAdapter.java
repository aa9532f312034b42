package io.unikernal.adapter.redis;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of the three redis adapters that is the same: their info, the connection options ({@link RedisSystem})
 * followed by their own, and the system's pooled connection and probe as what they contribute.
 */
abstract class RedisSystemAdapter implements Adapter {

    private final AdapterInfo info;
    private final List<Option<?>> systemOptions;

    RedisSystemAdapter(AdapterInfo info, Option<?>... ownOptions) {
        this.info = info;
        List<Option<?>> options = new ArrayList<>(RedisSystem.connectionOptions());
        options.addAll(List.of(ownOptions));
        this.systemOptions = List.copyOf(options);
    }

    @Override
    public final AdapterInfo info() {
        return info;
    }

    @Override
    public final List<Option<?>> systemOptions() {
        return systemOptions;
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        RedisSystem.contribute(this, system, ctx);
    }
}
