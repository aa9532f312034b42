package io.unikernal.adapter.thrift.component;

import com.facebook.swift.parser.model.AbstractStruct;
import com.facebook.swift.parser.model.BaseType;
import com.facebook.swift.parser.model.Definition;
import com.facebook.swift.parser.model.Document;
import com.facebook.swift.parser.model.IdentifierType;
import com.facebook.swift.parser.model.IntegerEnum;
import com.facebook.swift.parser.model.IntegerEnumField;
import com.facebook.swift.parser.model.ListType;
import com.facebook.swift.parser.model.MapType;
import com.facebook.swift.parser.model.Service;
import com.facebook.swift.parser.model.SetType;
import com.facebook.swift.parser.model.StringEnum;
import com.facebook.swift.parser.model.ThriftException;
import com.facebook.swift.parser.model.ThriftField;
import com.facebook.swift.parser.model.Typedef;
import com.facebook.swift.parser.model.Union;
import com.facebook.swift.parser.model.VoidType;
import io.unikernal.adapter.thrift.component.ThriftType.Field;
import io.unikernal.adapter.thrift.component.ThriftType.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services of a {@code .thrift} file read at run time, with the files it includes (relative to its folder, their
 * definitions named {@code file.Name} as Thrift does): every method as {@code Service.method}, inherited ones
 * ({@code extends}) included, types resolved through typedefs. A file is read again only when it or one of its
 * includes has changed.
 */
public final class ThriftContract {

    private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_INCLUDES = 64;

    /** A contract with the modification time of every file it was read from (the file and its includes). */
    private record Cached(Map<Path, FileTime> files, ThriftContract contract) {
        boolean current() {
            for (Map.Entry<Path, FileTime> file : files.entrySet()) {
                try {
                    if (!Files.getLastModifiedTime(file.getKey()).equals(file.getValue())) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<String, ThriftMethod> methods;

    private ThriftContract(Map<String, ThriftMethod> methods) {
        this.methods = methods;
    }

    /** Reads {@code file}; its problems (syntax with line and column, unknown types) as {@link ThriftIdlException}. */
    public static ThriftContract load(Path file) {
        Path path = file.toAbsolutePath().normalize();
        Cached cached = CACHE.get(path);
        if (cached != null && cached.current()) {
            return cached.contract();
        }
        Loader loader = new Loader();
        ThriftContract contract = loader.load(path);
        CACHE.put(path, new Cached(loader.modified, contract));
        return contract;
    }

    /** Every method, by {@code Service.method}, in the file's order. */
    public Map<String, ThriftMethod> methods() {
        return methods;
    }

    /** The method named {@code Service.method}; a clear failure naming the file's methods when there is none. */
    public ThriftMethod method(String fullName) {
        ThriftMethod method = methods.get(fullName);
        if (method == null) {
            throw new ThriftIdlException("the IDL has no method " + fullName + (methods.isEmpty()
                    ? "; it declares no service" : "; its methods: " + String.join(", ", methods.keySet())));
        }
        return method;
    }

    /** One file's definitions, by their bare names, and the files it includes by their base names. */
    private static final class Scope {
        final Path file;
        final Map<String, Definition> definitions = new LinkedHashMap<>();
        final Map<String, Scope> includes = new HashMap<>();
        final List<Service> services = new ArrayList<>();

        Scope(Path file) {
            this.file = file;
        }
    }

    private static final class Loader {
        private final Map<Path, Scope> scopes = new HashMap<>();
        private final Map<Definition, ThriftType> types = new HashMap<>();
        private final List<Runnable> pendingFields = new ArrayList<>();
        private final Map<Path, FileTime> modified = new HashMap<>();

        ThriftContract load(Path root) {
            Scope main = scope(root, new HashSet<>());
            Map<String, ThriftMethod> methods = new LinkedHashMap<>();
            for (Service service : main.services) {
                addMethods(main, service, service.getName(), methods, new HashSet<>());
            }
            pendingFields.forEach(Runnable::run);
            return new ThriftContract(java.util.Collections.unmodifiableMap(methods));
        }

        private Scope scope(Path file, Set<Path> including) {
            Scope known = scopes.get(file);
            if (known != null) {
                return known;
            }
            if (!including.add(file) || scopes.size() > MAX_INCLUDES) {
                throw new ThriftIdlException(file + ": includes itself, or more than " + MAX_INCLUDES + " files");
            }
            String text;
            try {
                modified.put(file, Files.getLastModifiedTime(file));
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ThriftIdlException("cannot read " + file + " (" + (e instanceof java.nio.file
                        .NoSuchFileException ? "no such file" : e.getMessage()) + ")");
            }
            Document document = IdlParser.parse(file.toString(), text);
            Scope scope = new Scope(file);
            scopes.put(file, scope);
            for (String include : document.getHeader().getIncludes()) {
                Path included = file.resolveSibling(include).normalize();
                String base = included.getFileName().toString().replaceFirst("\\.thrift$", "");
                scope.includes.put(base, scope(included, including));
            }
            for (Definition definition : document.getDefinitions()) {
                if (definition instanceof Service service) {
                    scope.services.add(service);
                } else {
                    scope.definitions.put(definition.getName(), definition);
                }
            }
            including.remove(file);
            return scope;
        }

        private void addMethods(Scope scope, Service service, String servedAs, Map<String, ThriftMethod> methods,
                Set<String> seen) {
            if (!seen.add(scope.file + "#" + service.getName())) {
                throw new ThriftIdlException(scope.file + ": service " + service.getName() + " extends itself");
            }
            for (com.facebook.swift.parser.model.ThriftMethod method : service.getMethods()) {
                String full = servedAs + "." + method.getName();
                if (methods.containsKey(full)) {
                    throw new ThriftIdlException(scope.file + ": service " + servedAs + " has two methods named "
                            + method.getName());
                }
                methods.put(full, method(scope, servedAs, method));
            }
            if (service.getParent().isPresent()) {
                String parent = service.getParent().get();
                int dot = parent.indexOf('.');
                Scope owner = dot > 0 ? scope.includes.get(parent.substring(0, dot)) : scope;
                String name = parent.substring(dot + 1);
                Service base = owner == null ? null : owner.services.stream().filter(s -> s.getName().equals(name))
                        .findFirst().orElse(null);
                if (base == null) {
                    throw new ThriftIdlException(scope.file + ": service " + service.getName() + " extends "
                            + parent + ", which is not declared" + (dot > 0 ? " (is its file included?)" : ""));
                }
                addMethods(owner, base, servedAs, methods, seen);
            }
        }

        private ThriftMethod method(Scope scope, String service, com.facebook.swift.parser.model.ThriftMethod m) {
            String where = service + "." + m.getName();
            StructType arguments = new StructType(m.getName() + "_args", StructType.Kind.ARGUMENTS);
            List<Field> exceptions = new ArrayList<>();
            pendingFields.add(() -> {
                addFields(scope, arguments, m.getArguments(), where);
                for (ThriftField thrown : m.getThrowsFields()) {
                    ThriftType type = type(scope, thrown.getType(), where);
                    if (!(type instanceof StructType struct) || struct.kind() != StructType.Kind.EXCEPTION) {
                        throw new ThriftIdlException(scope.file + ": " + where + " throws " + thrown.getType()
                                + ", which is not an exception");
                    }
                    exceptions.add(field(scope, thrown, where, type));
                }
            });
            ThriftType result = m.getReturnType() instanceof VoidType ? null : type(scope, m.getReturnType(), where);
            if (m.isOneway() && (result != null || !m.getThrowsFields().isEmpty())) {
                throw new ThriftIdlException(scope.file + ": oneway method " + where
                        + " must return void and throw nothing");
            }
            return new ThriftMethod(service, m.getName(), m.isOneway(), arguments, result, exceptions);
        }

        private void addFields(Scope scope, StructType struct, List<ThriftField> fields, String where) {
            for (ThriftField field : fields) {
                try {
                    struct.add(field(scope, field, where, type(scope, field.getType(), where)));
                } catch (IllegalArgumentException e) {
                    throw new ThriftIdlException(scope.file + ": " + e.getMessage());
                }
            }
        }

        private Field field(Scope scope, ThriftField field, String where, ThriftType type) {
            if (!field.getIdentifier().isPresent()) {
                throw new ThriftIdlException(scope.file + ": field " + field.getName() + " of " + where
                        + " has no id (write it as 1: " + field.getType() + " " + field.getName() + ")");
            }
            long id = field.getIdentifier().get();
            if (id < Short.MIN_VALUE || id > Short.MAX_VALUE) {
                throw new ThriftIdlException(scope.file + ": field " + field.getName() + " of " + where
                        + " has id " + id + ", outside i16");
            }
            return new Field((short) id, field.getName(), type,
                    field.getRequiredness() == ThriftField.Requiredness.REQUIRED);
        }

        private ThriftType type(Scope scope, com.facebook.swift.parser.model.ThriftType type, String where) {
            if (type instanceof BaseType base) {
                return switch (base.getType()) {
                    case BOOL -> ThriftType.Base.BOOL;
                    case BYTE -> ThriftType.Base.BYTE;
                    case I16 -> ThriftType.Base.I16;
                    case I32 -> ThriftType.Base.I32;
                    case I64 -> ThriftType.Base.I64;
                    case DOUBLE -> ThriftType.Base.DOUBLE;
                    case STRING -> ThriftType.Base.STRING;
                    case BINARY -> ThriftType.Base.BINARY;
                };
            }
            if (type instanceof ListType list) {
                return new ThriftType.ListType(type(scope, list.getElementType(), where));
            }
            if (type instanceof SetType set) {
                return new ThriftType.SetType(type(scope, set.getElementType(), where));
            }
            if (type instanceof MapType map) {
                ThriftType key = type(scope, map.getKeyType(), where);
                if (!(key instanceof ThriftType.Base || key instanceof ThriftType.EnumType)) {
                    throw new ThriftIdlException(scope.file + ": " + where + " uses " + map
                            + ": map keys must be a base type or an enum (JSON object keys are text)");
                }
                return new ThriftType.MapType(key, type(scope, map.getValueType(), where));
            }
            if (type instanceof IdentifierType named) {
                return named(scope, named.getName(), where);
            }
            throw new ThriftIdlException(scope.file + ": " + where + " uses the unsupported type " + type);
        }

        private ThriftType named(Scope scope, String name, String where) {
            Scope owner = scope;
            String bare = name;
            int dot = name.indexOf('.');
            if (dot > 0 && !scope.definitions.containsKey(name)) {
                owner = scope.includes.get(name.substring(0, dot));
                bare = name.substring(dot + 1);
            }
            Definition definition = owner == null ? null : owner.definitions.get(bare);
            if (definition == null) {
                throw new ThriftIdlException(scope.file + ": " + where + " uses the type " + name
                        + ", which is not declared" + (dot > 0 ? " (is its file included?)" : ""));
            }
            ThriftType known = types.get(definition);
            if (known != null) {
                return known;
            }
            Scope definedIn = owner;
            if (definition instanceof Typedef typedef) {
                ThriftType resolved = type(definedIn, typedef.getType(), where);
                types.put(definition, resolved);
                return resolved;
            }
            if (definition instanceof IntegerEnum enumeration) {
                Map<String, Integer> byName = new LinkedHashMap<>();
                Map<Integer, String> byValue = new LinkedHashMap<>();
                for (IntegerEnumField value : enumeration.getFields()) {
                    byName.put(value.getName(), (int) value.getValue());
                    byValue.putIfAbsent((int) value.getValue(), value.getName());
                }
                ThriftType enumType = new ThriftType.EnumType(enumeration.getName(), byName, byValue);
                types.put(definition, enumType);
                return enumType;
            }
            if (definition instanceof StringEnum) {
                throw new ThriftIdlException(scope.file + ": " + where + " uses the string enum " + name
                        + ", which Apache Thrift does not have");
            }
            if (definition instanceof AbstractStruct struct) {
                StructType.Kind kind = definition instanceof Union ? StructType.Kind.UNION
                        : definition instanceof ThriftException ? StructType.Kind.EXCEPTION : StructType.Kind.STRUCT;
                StructType structType = new StructType(struct.getName(), kind);
                types.put(definition, structType); // before its fields: a struct may refer to itself
                addFields(definedIn, structType, struct.getFields(), struct.getName());
                return structType;
            }
            throw new ThriftIdlException(scope.file + ": " + where + " uses " + name + ", which is not a type");
        }
    }
}
