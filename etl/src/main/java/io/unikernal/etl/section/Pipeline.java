package io.unikernal.etl.section;

import io.unikernal.udl.model.SourcePos;

/**
 * One pipeline as written, with the positions its checks point at.
 *
 * @param sourceSystem the file system read, or null for an inline source
 * @param sourceAdapter an inline source's adapter, or null
 * @param path the file, relative to that system's directory or (inline) to the UDL file
 * @param key the key columns (comma-separated) or null
 * @param rejectPath the reject file as written, or null for the default
 */
public record Pipeline(String name, String schedule, SourcePos schedulePos, String sourceSystem,
        String sourceAdapter, String path,
        SourcePos sourcePos, String targetSystem, SourcePos targetPos, String table, String mode, String key,
        SourcePos modePos, int batchRows, int batchBytes, String rejectPath, long rejectThreshold, SourcePos pos) {

    public boolean upsert() {
        return "upsert".equals(mode);
    }

    /** The route that runs it; on demand, also the name of its direct: endpoint. */
    public String routeId() {
        return "pipeline-" + name;
    }
}
