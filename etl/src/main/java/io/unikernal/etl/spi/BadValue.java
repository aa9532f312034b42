package io.unikernal.etl.spi;

/** A value that does not fit where it goes: the record is rejected with this reason and the run goes on. */
public final class BadValue extends Exception {

    public BadValue(String reason) {
        super(reason, null, false, false);
    }
}
