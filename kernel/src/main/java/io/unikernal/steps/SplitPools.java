package io.unikernal.steps;

import io.unikernal.spi.adapter.CompileContext;

/**
 * A {@code split} with {@code parallel: n} runs on a thread pool profile of exactly n threads, declared in the app's
 * properties (so the YAML output has it too).
 */
final class SplitPools {

    private SplitPools() {
    }

    /** Declares the pool of one split of {@code route} and returns its id. */
    static String declare(CompileContext ctx, String route, int threads) {
        String pool = ctx.uniqueName(route + "-split-pool");
        String profile = "camel.threadpool.config[" + pool + "].";
        ctx.addProperty(profile + "id", pool);
        ctx.addProperty(profile + "poolSize", String.valueOf(threads));
        ctx.addProperty(profile + "maxPoolSize", String.valueOf(threads));
        ctx.addProperty(profile + "maxQueueSize", "-1");
        return pool;
    }
}
