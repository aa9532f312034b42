package io.unikernal.adapter.grpc.component;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.SchemaLoader;
import com.squareup.wire.schema.internal.SchemaEncoder;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services of a {@code .proto} file, read at run time: Wire's pure-JVM parser resolves the file with its imports
 * (relative to the file's folder) and the well-known types, its {@code SchemaEncoder} turns each file into a
 * {@link FileDescriptorProto}, and protobuf-java builds the {@link FileDescriptor}s the calls and the JSON mapping
 * work from. No protoc, no generated code. Well-known types ({@code google/protobuf/*.proto}) are protobuf-java's own
 * descriptors, so {@code JsonFormat} maps them specially (a Timestamp as RFC 3339 text). A file is read once per
 * version: the loaded contract is cached by path, size and modification time.
 */
public final class ProtoContract {

    private record Key(Path path, long size, FileTime modified) {
    }

    private static final Map<Key, ProtoContract> LOADED = new ConcurrentHashMap<>();

    /** protobuf-java's descriptors of the well-known types, by file name. */
    private static final Map<String, FileDescriptor> WELL_KNOWN = wellKnown();

    private final Path file;
    private final Map<String, ProtoMethod> methods;
    private final TypeRegistry types;

    private ProtoContract(Path file, Map<String, ProtoMethod> methods, TypeRegistry types) {
        this.file = file;
        this.methods = Collections.unmodifiableMap(methods);
        this.types = types;
    }

    /** The contract of {@code file}, parsed on first use of this version of it. */
    public static ProtoContract load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Key key;
        try {
            key = new Key(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute));
        } catch (IOException e) {
            throw new ProtoContractException("cannot read " + absolute + " (" + (Files.exists(absolute)
                    ? "not readable" : "no such file") + ")");
        }
        ProtoContract known = LOADED.get(key);
        if (known != null) {
            return known;
        }
        ProtoContract loaded = parse(absolute);
        LOADED.keySet().removeIf(old -> old.path().equals(absolute));
        LOADED.put(key, loaded);
        return loaded;
    }

    private static ProtoContract parse(Path file) {
        Path folder = file.getParent();
        Schema schema;
        try {
            SchemaLoader loader = new SchemaLoader(FileSystems.getDefault());
            // else the types of an imported file keep only what Wire needs to link, not their fields
            loader.setLoadExhaustively(true);
            loader.initRoots(List.of(Location.Companion.get(folder.toString(), file.getFileName().toString())),
                    List.of(Location.Companion.get(folder.toString())));
            schema = loader.loadSchema();
        } catch (Exception e) { // Kotlin code: IOException is thrown without being declared
            throw new ProtoContractException(file.getFileName() + " is not a valid .proto file: "
                    + ProtoContractException.describe(e));
        }
        Map<String, FileDescriptor> built = new LinkedHashMap<>();
        SchemaEncoder encoder = new SchemaEncoder(schema);
        Map<String, ProtoFile> byName = new LinkedHashMap<>();
        for (ProtoFile proto : schema.getProtoFiles()) {
            byName.put(proto.getLocation().getPath(), proto);
        }
        String root = file.getFileName().toString();
        FileDescriptor main = build(root, byName, encoder, built, new ArrayList<>());
        Map<String, ProtoMethod> methods = new LinkedHashMap<>();
        for (Descriptors.ServiceDescriptor service : main.getServices()) {
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                ProtoMethod m = new ProtoMethod(method);
                methods.put(m.fullName(), m);
            }
        }
        TypeRegistry.Builder types = TypeRegistry.newBuilder();
        built.values().forEach(descriptor -> descriptor.getMessageTypes().forEach(types::add));
        return new ProtoContract(file, methods, types.build());
    }

    private static FileDescriptor build(String name, Map<String, ProtoFile> files, SchemaEncoder encoder,
            Map<String, FileDescriptor> built, List<String> path) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptor wellKnown = WELL_KNOWN.get(name);
        if (wellKnown != null) {
            built.put(name, wellKnown);
            return wellKnown;
        }
        ProtoFile proto = files.get(name);
        if (proto == null) {
            throw new ProtoContractException("import " + name + " was not found (imports are relative to the folder"
                    + " of the .proto file)");
        }
        if (path.contains(name)) {
            throw new ProtoContractException("imports form a cycle: " + String.join(" -> ", path) + " -> " + name);
        }
        path.add(name);
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String imported : proto.getImports()) {
            dependencies.add(build(imported, files, encoder, built, path));
        }
        for (String imported : proto.getPublicImports()) {
            dependencies.add(build(imported, files, encoder, built, path));
        }
        path.remove(name);
        try {
            FileDescriptorProto encoded = FileDescriptorProto.parseFrom(encoder.encode(proto).toByteArray());
            FileDescriptor descriptor = FileDescriptor.buildFrom(encoded, dependencies.toArray(FileDescriptor[]::new));
            built.put(name, descriptor);
            return descriptor;
        } catch (InvalidProtocolBufferException | DescriptorValidationException | RuntimeException e) {
            throw new ProtoContractException(name + " cannot be used: " + ProtoContractException.describe(e));
        }
    }

    /** The file the contract was read from. */
    public Path file() {
        return file;
    }

    /** Every method of the file's services, by full name {@code package.Service/Method}. */
    public Map<String, ProtoMethod> methods() {
        return methods;
    }

    /** The method named {@code package.Service/Method}; a clear failure naming the ones there are otherwise. */
    public ProtoMethod method(String fullName) {
        ProtoMethod method = methods.get(Objects.requireNonNull(fullName, "fullName"));
        if (method == null) {
            throw new ProtoContractException(file.getFileName() + " has no method " + fullName + " (it has: "
                    + (methods.isEmpty() ? "no services" : String.join(", ", methods.keySet())) + ")");
        }
        return method;
    }

    /** Every message type of the file and its imports: for {@code google.protobuf.Any} in the JSON mapping. */
    public TypeRegistry types() {
        return types;
    }

    private static Map<String, FileDescriptor> wellKnown() {
        Map<String, FileDescriptor> map = new LinkedHashMap<>();
        for (FileDescriptor d : List.of(com.google.protobuf.AnyProto.getDescriptor(),
                com.google.protobuf.ApiProto.getDescriptor(), com.google.protobuf.DescriptorProtos.getDescriptor(),
                com.google.protobuf.DurationProto.getDescriptor(), com.google.protobuf.EmptyProto.getDescriptor(),
                com.google.protobuf.FieldMaskProto.getDescriptor(),
                com.google.protobuf.SourceContextProto.getDescriptor(), com.google.protobuf.StructProto.getDescriptor(),
                com.google.protobuf.TimestampProto.getDescriptor(), com.google.protobuf.TypeProto.getDescriptor(),
                com.google.protobuf.WrappersProto.getDescriptor())) {
            map.put(d.getName(), d);
        }
        return Map.copyOf(map);
    }
}
