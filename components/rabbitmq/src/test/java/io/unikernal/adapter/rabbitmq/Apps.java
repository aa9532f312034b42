package io.unikernal.adapter.rabbitmq;

import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Path;
import java.util.Map;

/** Starts a UDL app in process with the installed adapters. */
final class Apps {

    private Apps() {
    }

    static UdlRuntime start(String name, String udl, Path workDir) throws Exception {
        return start(name, udl, workDir, Map.of());
    }

    static UdlRuntime start(String name, String udl, Path workDir, Map<String, String> overrides) throws Exception {
        Adapters adapters = Adapters.installed();
        var doc = new UdlParser(adapters).parse(name + ".udl.yaml", udl).orThrow();
        return UdlRuntime.start(new UdlCompiler(adapters).compile(doc, workDir, CompileOptions.DEFAULT), overrides);
    }
}
