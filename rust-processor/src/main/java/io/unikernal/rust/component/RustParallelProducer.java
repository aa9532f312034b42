package io.unikernal.rust.component;

import io.unikernal.routing.FieldRef;
import io.unikernal.routing.MessageBatch;
import io.unikernal.routing.exec.BatchExecutor;
import io.unikernal.routing.exec.JavaBatchExecutor;
import io.unikernal.routing.exec.ProjectedBodies;
import io.unikernal.routing.exec.Projection;
import io.unikernal.rust.NativeLibrary;
import io.unikernal.rust.RustBatchExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs a batch task on the executor's fixed pool. A List body is a batch (one JSON body per
 * element, sharing the exchange's headers); any other body is a batch of one.
 */
public class RustParallelProducer extends DefaultProducer {
    private BatchExecutor executor;
    private FieldRef key;
    private Projection projection;

    public RustParallelProducer(RustEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public RustEndpoint getEndpoint() {
        return (RustEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RustEndpoint e = getEndpoint();
        if (e.getTask() == null) {
            throw new IllegalArgumentException("rust:parallel needs task=partition, project or validate");
        }
        switch (e.getTask()) {
            case "partition" -> key = FieldRef.parse(require(e.getKey(), "key"));
            case "project" -> projection = Projection.of(Arrays.asList(require(e.getFields(), "fields").split("\\s*,\\s*")));
            default -> require(e.getSchema(), "schema");
        }
        boolean rust = switch (e.getEngine()) {
            case "rust" -> {
                NativeLibrary.ensureLoaded();
                yield true;
            }
            case "java" -> false;
            default -> NativeLibrary.isLoaded();
        };
        executor = rust ? new RustBatchExecutor(e.getThreads()) : new JavaBatchExecutor(e.getThreads());
    }

    private static <T> T require(T value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("rust:parallel needs the option '" + option + "' for this task");
        }
        return value;
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) {
            executor.close();
            executor = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Map<String, String> headers = MessageBodies.textHeaders(in);
        Object body = in.getBody();
        boolean isList = body instanceof List<?>;
        List<?> elements = isList ? (List<?>) body : java.util.Collections.singletonList(body);
        MessageBatch batch = new MessageBatch(elements.size(), elements.size() * 128);
        for (Object element : elements) {
            batch.add(headers, MessageBodies.json(element));
        }
        RustEndpoint e = getEndpoint();
        in.setHeader(RustConstants.ENGINE, executor instanceof RustBatchExecutor ? "rust" : "java");
        switch (e.getTask()) {
            case "partition" -> {
                int[] out = new int[batch.size()];
                executor.partition(batch, key, e.getPartitions(), out);
                in.setHeader(RustConstants.PARTITION, isList ? boxed(out) : out[0]);
            }
            case "validate" -> {
                int[] out = new int[batch.size()];
                executor.validate(batch, e.getSchema(), out);
                in.setHeader(RustConstants.VALIDATION, isList ? boxed(out) : out[0]);
            }
            default -> {
                ProjectedBodies p = executor.project(batch, projection);
                List<String> bodies = new ArrayList<>(p.size());
                for (int i = 0; i < p.size(); i++) {
                    bodies.add(new String(p.body(i), StandardCharsets.UTF_8));
                }
                in.setBody(isList ? bodies : bodies.get(0));
            }
        }
    }

    private static List<Integer> boxed(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
