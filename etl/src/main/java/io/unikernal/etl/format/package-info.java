/**
 * What the file formats share: finding a {@link io.unikernal.etl.spi.RecordFormat} by name or file ending, a reader's
 * checkpoint (records read), typing the values of formats whose fields are not declared in the file (JSON, xlsx) from
 * a bounded sample, and the canonical text of typed values for text formats.
 */
package io.unikernal.etl.format;
