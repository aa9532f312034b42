package io.unikernal.adapter.graphql;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** One served field; the settings of the server it is served on (every field of one path must agree). */
@UriEndpoint(scheme = GraphqlFieldComponent.SCHEME, title = "GraphQL field", syntax = "graphql-field:field",
        consumerOnly = true, category = Category.API)
public final class GraphqlFieldEndpoint extends DefaultEndpoint {

    @UriPath(description = "The field served, Type.field of the schema's query or mutation type")
    private final String field;
    @UriParam(description = "The SDL file (an absolute path)")
    private String schema;
    @UriParam(defaultValue = "/graphql", description = "The HTTP path the schema is served on")
    private String path = "/graphql";
    @UriParam(defaultValue = "10", description = "The deepest query accepted")
    private int maxDepth = 10;
    @UriParam(defaultValue = "200", description = "The most complex query accepted (one per field)")
    private int maxComplexity = 200;
    @UriParam(defaultValue = "false", description = "Whether __schema and __type queries are answered")
    private boolean introspection;

    GraphqlFieldEndpoint(String uri, GraphqlFieldComponent component, String field) {
        super(uri, component);
        this.field = field;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("graphql-field serves fields; it does not call them");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GraphqlFieldConsumer consumer = new GraphqlFieldConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getField() {
        return field;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public int getMaxComplexity() {
        return maxComplexity;
    }

    public void setMaxComplexity(int maxComplexity) {
        this.maxComplexity = maxComplexity;
    }

    public boolean isIntrospection() {
        return introspection;
    }

    public void setIntrospection(boolean introspection) {
        this.introspection = introspection;
    }

    /** What every field served on one path must agree on. */
    String serverSettings() {
        return "schema=" + schema + " maxDepth=" + maxDepth + " maxComplexity=" + maxComplexity + " introspection="
                + introspection;
    }
}
