package io.unikernal.compile.steps;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.Step;
import org.apache.camel.model.SplitDefinition;

/**
 * A {@code split} with {@code parallel: n} runs on a thread pool profile of exactly n threads, declared in the app's
 * properties; synchronous so that async producers too stay within it (Camel's split would otherwise hand off and
 * start more).
 */
final class SplitPools {

    private SplitPools() {
    }

    static void bound(Step.Split s, SplitDefinition split, RouteDecl decl, DefaultCompileContext ctx) {
        String pool = ctx.uniqueName(decl.name() + "-split-pool");
        String profile = "camel.threadpool.config[" + pool + "].";
        ctx.addProperty(profile + "id", pool);
        ctx.addProperty(profile + "poolSize", String.valueOf(s.parallel()));
        ctx.addProperty(profile + "maxPoolSize", String.valueOf(s.parallel()));
        ctx.addProperty(profile + "maxQueueSize", "-1");
        split.parallelProcessing().synchronous().executorService(pool);
    }
}
