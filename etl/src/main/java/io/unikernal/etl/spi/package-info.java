/**
 * What a pipeline is made of at run time, so sources, formats and targets plug in one by one: a
 * {@link io.unikernal.etl.spi.RecordSource} yields {@link io.unikernal.etl.spi.SourceRecord}s from a checkpointed
 * position, transform steps change them, and a {@link io.unikernal.etl.spi.RecordTarget} buffers and commits them in
 * batches, each batch together with the checkpoint that says how far the source was read. A file or object format is a
 * {@link io.unikernal.etl.spi.RecordFormat}: a reader and a writer over byte streams, used by the file and S3 sources
 * and targets alike. A {@link io.unikernal.etl.spi.RecordSource.Factory} and a
 * {@link io.unikernal.etl.spi.RecordTarget.Factory} are the beans the UDL compiles to (their kinds, in
 * {@code io.unikernal.etl.kinds}, declare the keys); {@link io.unikernal.etl.spi.RecordTransform} is the transform
 * steps; {@link io.unikernal.etl.spi.PipelineException} carries what stops a run in the user's words.
 *
 * <p>Values travel as plain Java objects, one per field, by {@link io.unikernal.etl.spi.FieldType}: text formats
 * (CSV) hand out {@code String}s of type {@code TEXT} that the target types by its columns; typed formats (Parquet,
 * JSON, xlsx, databases) hand out the type's Java class. {@code null} is a missing or null value.
 */
package io.unikernal.etl.spi;
