package io.unikernal.adapter.core;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.adapter.StandardNodes;
import io.unikernal.runtime.JsonBodyWriter;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import java.util.Map;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code file}: reads JSON files from a folder, or writes messages as JSON files (Camel file). A file whose route
 * succeeds moves to {@code .done}; one whose route fails moves to {@code .failed} — nothing is deleted unread.
 */
public final class FileAdapter implements Adapter {

    private static final OptionSpec DIRECTORY = OptionSpec.of("directory", ValueKind.STRING).required()
            .description("The folder to read from or write to.").example("data/inbox");
    private static final OptionSpec INCLUDE = OptionSpec.of("include", ValueKind.STRING).defaultValue(".*\\.json")
            .description("Regular expression of the file names to read.");
    private static final OptionSpec FILE_NAME = OptionSpec.of("fileName", ValueKind.STRING)
            .description("Name of written files, a Camel simple expression; default: time and exchange id, .json.")
            .example("order-${header.UdmCorrelationId}.json");

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "Reads JSON files from a folder or writes messages as JSON files (Camel file); processed files move to"
                + " .done, failed ones to .failed.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-core";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(DIRECTORY, INCLUDE);
    }

    @Override
    public List<OptionSpec> targetOptions() {
        return List.of(FILE_NAME);
    }

    @Override
    public boolean canBeSource() {
        return true;
    }

    @Override
    public boolean canBeTarget() {
        return true;
    }

    @Override
    public String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
        return "file:" + ctx.systemOption(system, "directory") + "?include=" + ctx.systemOption(system, "include")
                + "&move=.done&moveFailed=.failed&readLock=changed";
    }

    @Override
    public void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
        StandardNodes.normalizeJson(system.name(), route, ctx);
    }

    /** The file name is a Camel simple template, written into a file name and the endpoint URI: as in a log step. */
    @Override
    public void checkUse(SystemDecl system, EndpointRef use, boolean asSource, io.unikernal.udl.error.Problems problems) {
        io.unikernal.udl.model.OptionValue fileName = use.option("fileName");
        if (fileName == null || fileName.value() == null) {
            return;
        }
        for (io.unikernal.udl.spec.LogTemplates.Refusal refusal : io.unikernal.udl.spec.LogTemplates.refusals(
                fileName.asString(), io.unikernal.udm.CredentialHeaders::isCredential)) {
            problems.add(io.unikernal.udl.error.UdlMessages.logReachesSecrets(fileName.pos(), "option 'fileName' of "
                    + "system '" + system.name() + "'", refusal.function(), refusal.reason(), refusal.hint()));
        }
    }

    @Override
    public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        // the file gets JSON text; the route goes on with the parsed payload, as after any other target
        ctx.addBean("write-json", JsonBodyWriter.class, Map.of());
        block.process("write-json");
        String fileName = ctx.text(use.option("fileName"), "${date:now:yyyyMMdd-HHmmss-SSS}-${exchangeId}.json");
        block.to("file:" + ctx.systemOption(system, "directory") + "?fileName=" + fileName);
        StandardNodes.parseJson(block, ctx);
    }
}
