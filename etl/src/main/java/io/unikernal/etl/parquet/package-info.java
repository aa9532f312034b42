/**
 * Parquet read and written with parquet-java (parquet-column, parquet-hadoop's file reader and writer) on local
 * files and streams, without Hadoop: parquet-floor supplies the few Hadoop interfaces parquet-hadoop links against.
 */
package io.unikernal.etl.parquet;
