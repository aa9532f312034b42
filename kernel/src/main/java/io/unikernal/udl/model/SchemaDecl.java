package io.unikernal.udl.model;

import java.util.Map;

/** An entry of {@code schemas:}: a versioned UDM schema. */
public record SchemaDecl(String name, int version, Map<String, FieldDecl> fields, SourcePos pos) {
}
