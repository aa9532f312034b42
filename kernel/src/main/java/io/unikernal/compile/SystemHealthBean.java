package io.unikernal.compile;

import io.unikernal.compile.context.DefaultCompileContext;
import io.unikernal.runtime.health.SystemHealth;
import io.unikernal.runtime.health.SystemProbe;
import io.unikernal.udl.model.RouteDecl;
import io.unikernal.udl.model.UdlDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.model.BeanFactoryDefinition;

/**
 * Declares the app's {@link SystemHealth} bean when adapters contributed {@link SystemProbe} beans: last of all beans,
 * so every probe (and the resource it probes) exists when its init method checks them. The retry back-off is a
 * property an operator may set: {@code unikernal.systems.retryInitial} (default 1s) and
 * {@code unikernal.systems.retryMax} (default 30s).
 */
final class SystemHealthBean {

    static final String RETRY_INITIAL = "unikernal.systems.retryInitial";
    static final String RETRY_MAX = "unikernal.systems.retryMax";

    private SystemHealthBean() {
    }

    static void declare(UdlDocument doc, DefaultCompileContext ctx) {
        List<String> probes = ctx.beans().stream().filter(bean -> isProbe(bean.getType()))
                .map(BeanFactoryDefinition::getName).toList();
        if (probes.isEmpty()) {
            return;
        }
        Map<String, List<String>> routesBySource = doc.routes().stream().collect(Collectors.groupingBy(
                (RouteDecl route) -> route.from().system(), LinkedHashMap::new,
                Collectors.mapping(RouteDecl::name, Collectors.toList())));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("probes", String.join(",", probes));
        props.put("sourceRoutes", routesBySource.entrySet().stream()
                .map(e -> e.getKey() + ":" + String.join(",", e.getValue())).collect(Collectors.joining(";")));
        props.put("retryInitial", "{{" + RETRY_INITIAL + ":1s}}");
        props.put("retryMax", "{{" + RETRY_MAX + ":30s}}");
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(SystemHealth.BEAN);
        bean.setType(SystemHealth.class.getName());
        bean.setProperties(props);
        bean.setInitMethod("start");
        bean.setDestroyMethod("stop");
        ctx.addBean(bean);
    }

    /** Beans are declared by class name; a probe is any whose class implements {@link SystemProbe}. */
    private static boolean isProbe(String type) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> beanClass = Class.forName(type, false, loader != null ? loader : SystemProbe.class.getClassLoader());
            return SystemProbe.class.isAssignableFrom(beanClass);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
