package io.unikernal.runtime;

/** Calls a bean's destroy method when the context stops (e.g. closes a connection pool). */
record DestroyOnStop(Object bean, String method) implements org.apache.camel.Service {
    @Override
    public void start() {
    }

    @Override
    public void stop() {
        try {
            bean.getClass().getMethod(method).invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + method + " on " + bean.getClass().getName(), e);
        }
    }
}
