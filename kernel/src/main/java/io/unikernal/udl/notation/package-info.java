/**
 * How UDL writes values that outlive the parse: durations ({@code 5m}) and {@code ${env:…}} / {@code ${secret:…}}
 * references. Plain text rules with no dependency, so the language, the compiler and the runtime read them alike.
 */
package io.unikernal.udl.notation;
