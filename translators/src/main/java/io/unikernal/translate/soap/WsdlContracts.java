package io.unikernal.translate.soap;

import io.unikernal.adapter.soap.component.WsdlContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WSDL contracts as the files are now: read once by the soap adapter's reader and kept while the file's size and
 * modification time stay the same, so a request does not parse the WSDL again and a changed file takes effect.
 */
final class WsdlContracts {

    private record Key(Path file, String service) {
    }

    private record Loaded(long size, long modified, WsdlContract contract) {
    }

    private static final Map<Key, Loaded> LOADED = new ConcurrentHashMap<>();

    private WsdlContracts() {
    }

    static WsdlContract of(String wsdl, String service) {
        Path file = Path.of(wsdl);
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the WSDL file " + file.getFileName() + " cannot be read", e);
        }
        Key key = new Key(file, service);
        Loaded loaded = LOADED.get(key);
        if (loaded == null || loaded.size != now.size() || loaded.modified != now.lastModifiedTime().toMillis()) {
            loaded = new Loaded(now.size(), now.lastModifiedTime().toMillis(), WsdlContract.load(file, service));
            LOADED.put(key, loaded);
        }
        return loaded.contract;
    }
}
