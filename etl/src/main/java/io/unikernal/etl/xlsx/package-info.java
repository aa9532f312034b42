/**
 * Excel workbooks (xlsx): written with POI's streaming SXSSF writer, read a row at a time by a StAX pull parser over
 * one sheet's XML, with POI opening the package and giving the shared strings and cell styles.
 */
package io.unikernal.etl.xlsx;
