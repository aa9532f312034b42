package io.unikernal.runtime.health;

/**
 * The names every probe carries, as bean properties the adapter sets in its {@code contribute}: {@code system} (the
 * UDL system) and {@code adapter}.
 */
public abstract class AbstractSystemProbe implements SystemProbe {

    private String system;
    private String adapter;

    public void setSystem(String system) {
        this.system = system;
    }

    public void setAdapter(String adapter) {
        this.adapter = adapter;
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public String toString() {
        return "system " + system + " (" + adapter + ")";
    }
}
