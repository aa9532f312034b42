package io.unikernal.adapter.core;

import io.unikernal.runtime.JsonBodyWriter;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlMessages;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.LogTemplates;
import io.unikernal.udl.spec.Option;
import io.unikernal.udm.CredentialHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code file}: reads JSON files from a folder, or writes messages as JSON files (Camel file). A file whose route
 * succeeds moves to {@code .done}; one whose route fails moves to {@code .failed} — nothing is deleted unread. A
 * written file appears whole: it is written under a hidden temporary name, synced (unless {@code fsync: false}) and
 * renamed.
 */
public final class FileAdapter implements Adapter {

    /** The folder is the URI's path: no character that would start or split its query. */
    private static final Option<String> DIRECTORY = Option.string("directory").required()
            .pattern("[^?&]+", "a folder name without '?' or '&'")
            .description("The folder to read from or write to.").example("data/inbox");
    private static final Option<String> INCLUDE = Option.string("include").defaultValue(".*\\.json")
            .description("Regular expression of the file names to read.");
    private static final Option<String> GLOB = Option.string("glob").excludes("include")
            .pattern("[^?&]+", "a glob without '?' or '&' (* is any name part, ** any folders)")
            .description("Glob of the paths to read, instead of include: *.json in the folder, **/*.json also in its"
                    + " subfolders (Camel's antInclude).").example("\"orders-*.json\"");
    private static final Option<Boolean> FSYNC = Option.bool("fsync").defaultValue(true)
            .description("Sync each written file to the disk before the route goes on; false trades that guarantee"
                    + " for speed.");
    private static final Option<String> FILE_NAME = Option.string("fileName")
            .description("Name of written files, a Camel simple expression; default: time and exchange id, .json.")
            .example("order-${header.UdmCorrelationId}.json");
    private static final String TEMP_FILE_NAME = ".${file:onlyname}.part";
    private static final String DEFAULT_FILE_NAME = "${date:now:yyyyMMdd-HHmmss-SSS}-${exchangeId}.json";

    private static final AdapterInfo INFO = new AdapterInfo("file",
            "Reads JSON files from a folder or writes messages as JSON files (Camel file); processed files move to"
                    + " .done, failed ones to .failed.", "io.unikernal:unikernal-components-core");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(DIRECTORY, INCLUDE, GLOB, FSYNC);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Source());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Target());
    }

    /**
     * Describes no channel, so uses are not checked for clashes: two routes may read one folder (each with its own
     * include pattern), as they could before the checks worked from descriptors.
     */
    private static final class Source implements SourceRole {
        /** A file stays in the folder until its route is done with it, so it is read again after a restart. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.DURABLE);
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            EndpointUri uri = EndpointUri.of("file", ctx.text(use.system(), DIRECTORY));
            String glob = ctx.text(use.system().option(GLOB.name()), null);
            if (glob == null) {
                uri.userParam("include", ctx.text(use.system(), INCLUDE));
            } else {
                uri.userParam("antInclude", glob).param("recursive", glob.contains("/") || glob.contains("**"));
            }
            // .done and .failed are folders under the one read: a glob with ** must not read them again
            return uri.param("antExclude", glob == null ? null : ".done/**,.failed/**")
                    .param("move", ".done").param("moveFailed", ".failed").param("readLock", "changed").toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }

    private static final class Target implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(FILE_NAME);
        }

        /** The file name is a Camel simple template, written into a file name and the endpoint URI: as in a log step. */
        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            OptionValue fileName = use.option(FILE_NAME.name());
            if (fileName == null || fileName.value() == null) {
                return;
            }
            for (LogTemplates.Refusal refusal : LogTemplates.refusals(fileName.asString(),
                    CredentialHeaders::isCredential)) {
                problems.add(UdlMessages.logReachesSecrets(fileName.pos(), "option 'fileName' of system '"
                        + system.name() + "'", refusal.function(), refusal.reason(), refusal.hint()));
            }
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            // the file gets JSON text; the route goes on with the parsed payload, as after any other target
            ctx.addBean("write-json", JsonBodyWriter.class, Map.of());
            block.process("write-json");
            String fileName = ctx.text(use.use().option(FILE_NAME.name()), DEFAULT_FILE_NAME);
            // written under a hidden temporary name next to the final one, then renamed: a reader of the folder (a
            // file source skips names starting with '.') never sees half a file
            block.to(EndpointUri.of("file", ctx.text(use.system(), DIRECTORY)).userParam("fileName", fileName)
                    .userParam("tempFileName", TEMP_FILE_NAME).param("forceWrites", ctx.text(use.system(), FSYNC))
                    .toString());
            StandardNodes.parseJson(block, ctx);
        }
    }
}
