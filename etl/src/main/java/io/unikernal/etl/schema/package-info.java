/** Schemas inferred from what a source holds (headers and values), printed as a UDL {@code schemas:} entry. */
package io.unikernal.etl.schema;
