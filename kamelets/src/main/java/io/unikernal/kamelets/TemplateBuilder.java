package io.unikernal.kamelets;

import io.unikernal.compile.YamlEmitter;
import io.unikernal.runtime.CompiledApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Cuts one compiled route out of an app's YAML (dumped from the same Camel model the app runs on) into a Kamelet
 * template: the route's {@code from} with its steps, {@code direct:kamelet-source} / {@code direct:kamelet-sink}
 * turned into {@code kamelet:source} / {@code kamelet:sink}, and the beans the route refers to as local beans.
 * Dropped, because a Kamelet is one route inside somebody else's integration: the route's id, group and route
 * configuration (the dead-letter handling: failures go to the Pipe's or Integration's error handler), and app-wide
 * beans (system health, log masking).
 */
final class TemplateBuilder {

    /** The endpoint a UDL route consumes to become a sink or action Kamelet. */
    static final String SOURCE_URI = "direct:kamelet-source";
    /** The endpoint a UDL route sends to to hand its message to whatever follows the Kamelet. */
    static final String SINK_URI = "direct:kamelet-sink";

    /** Beans of the whole app, not of one route: the Pipe's own runtime provides or does not need them. */
    private static final Set<String> APP_BEANS = Set.of("CamelCustomLogMask", "system-health");

    record Template(KameletType type, Map<String, Object> template, List<Placeholders.Found> parameters) {
    }

    private final List<Map<String, Object>> beans;
    private final List<Map<String, Object>> routes = new ArrayList<>();

    @SuppressWarnings("unchecked")
    TemplateBuilder(CompiledApp app) {
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(YamlEmitter.routesYaml(app));
        List<Map<String, Object>> bs = new ArrayList<>();
        for (Object item : (List<Object>) loaded) {
            Map<String, Object> entry = (Map<String, Object>) item;
            if (entry.containsKey("beans")) {
                bs.addAll((List<Map<String, Object>>) entry.get("beans"));
            } else if (entry.containsKey("route")) {
                routes.add((Map<String, Object>) entry.get("route"));
            }
        }
        this.beans = bs;
    }

    /** The route's template, or empty when the app has no route of that id. */
    Optional<Template> template(String routeId) {
        return template(routeId, List.of());
    }

    /**
     * The route's template with each text value that contains a sentinel's marker replaced whole by the sentinel's
     * parameter: how an action Kamelet turns a value the compiler needs literally (a CEL expression, a schema) into
     * a property.
     */
    @SuppressWarnings("unchecked")
    Optional<Template> template(String routeId, List<Sentinel> sentinels) {
        Map<String, Object> route = routes.stream().filter(r -> routeId.equals(r.get("id"))).findFirst().orElse(null);
        if (route == null) {
            return Optional.empty();
        }
        Map<String, Object> from = new LinkedHashMap<>((Map<String, Object>) route.get("from"));
        // kamelet-source, or kamelet-source-<anything> when several routes of one app are sinks or actions
        boolean consumesSource = String.valueOf(from.get("uri")).startsWith(SOURCE_URI);
        List<Object> steps = new ArrayList<>();
        if (consumesSource) {
            // what comes from another Kamelet is JSON text or bytes (or an already parsed body, kept as it is)
            steps.add(Map.of("process", Map.of("ref", NORMALIZE_BEAN)));
        }
        boolean feedsSink = false;
        for (Object step : (List<Object>) from.getOrDefault("steps", List.of())) {
            if (isSinkCall(step)) {
                steps.add(Map.of("process", Map.of("ref", JSON_BEAN)));
                steps.add(Map.of("to", "kamelet:sink"));
                feedsSink = true;
            } else {
                steps.add(step);
            }
        }
        KameletType type = consumesSource ? (feedsSink ? KameletType.ACTION : KameletType.SINK) : KameletType.SOURCE;
        if (type == KameletType.SOURCE && !feedsSink) {
            steps.add(Map.of("process", Map.of("ref", JSON_BEAN)));
            steps.add(Map.of("to", "kamelet:sink"));
        }
        if (consumesSource) {
            from.put("uri", "kamelet:source");
        }
        from.put("steps", steps);
        Map<String, Object> template = new LinkedHashMap<>();
        List<Map<String, Object>> local = new ArrayList<>(referencedBeans(from).stream().map(
                TemplateBuilder::connectedAtStart).toList());
        if (consumesSource) {
            local.add(0, bean(NORMALIZE_BEAN, "io.unikernal.runtime.JsonBodyNormalizer", "kamelet-source"));
        }
        if (type != KameletType.SINK) {
            local.add(bean(JSON_BEAN, "io.unikernal.runtime.JsonBodyWriter", null));
        }
        Set<String> localNames = new LinkedHashSet<>();
        local.forEach(b -> localNames.add(String.valueOf(b.get("name"))));
        if (!local.isEmpty()) {
            template.put("beans", refersToLocal(local, localNames, null));
        }
        template.put("from", refersToLocal(from, localNames, null));
        Placeholders placeholders = new Placeholders();
        Map<String, Object> rewritten = (Map<String, Object>) placeholders.rewrite(substitute(template, sentinels));
        List<Placeholders.Found> parameters = new ArrayList<>(placeholders.found());
        for (Sentinel s : sentinels) {
            parameters.add(new Placeholders.Found(s.parameter(), null, false));
        }
        return Optional.of(new Template(type, (Map<String, Object>) unbrace(rewritten), parameters));
    }

    /**
     * A Kamelet's local beans are reached through the placeholder of their name ({@code ref: "{{name}}"},
     * {@code #bean:{{name}}}): Camel binds each under a name unique to the route the template creates.
     */
    @SuppressWarnings("unchecked")
    private static <T> T refersToLocal(T node, Set<String> names, String key) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), refersToLocal(v, names, String.valueOf(k))));
            return (T) out;
        }
        if (node instanceof List<?> list) {
            return (T) list.stream().map(v -> refersToLocal(v, names, null)).toList();
        }
        if (node instanceof String text) {
            if ("ref".equals(key) && names.contains(text)) {
                return (T) ("{{" + text + "}}");
            }
            String out = text;
            for (String name : names) {
                out = out.replaceAll("#bean:" + Pattern.quote(name) + "(?![A-Za-z0-9_.-])",
                        java.util.regex.Matcher.quoteReplacement("#bean:{{" + name + "}}"));
                out = out.replaceAll("=#" + Pattern.quote(name) + "(?![A-Za-z0-9_.-])",
                        java.util.regex.Matcher.quoteReplacement("=#{{" + name + "}}"));
            }
            return (T) out;
        }
        return node;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[A-Za-z0-9_.-]+}}");

    /**
     * Camel reads every {@code {{} and {@code }}} in a template as a placeholder's edge, so braces of JSON text
     * ({@code "rename":{}}}) get a space between them; JSON and CEL read {@code } }} as they read {@code }}}.
     */
    private static Object unbrace(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), unbrace(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(TemplateBuilder::unbrace).toList();
        }
        if (node instanceof String text && (text.contains("{{") || text.contains("}}"))) {
            StringBuilder out = new StringBuilder();
            java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
            int last = 0;
            while (m.find()) {
                out.append(spaced(text.substring(last, m.start()))).append(m.group());
                last = m.end();
            }
            out.append(spaced(text.substring(last)));
            return out.toString();
        }
        return node;
    }

    private static String spaced(String text) {
        String out = text;
        while (out.contains("}}") || out.contains("{{")) {
            out = out.replace("}}", "} }").replace("{{", "{ {");
        }
        return out;
    }

    /** The names of a template's local beans. */
    @SuppressWarnings("unchecked")
    static Set<String> localBeans(Object template) {
        Set<String> names = new LinkedHashSet<>();
        if (template instanceof Map<?, ?> map && map.get("beans") instanceof List<?> beans) {
            beans.forEach(b -> names.add(String.valueOf(((Map<String, Object>) b).get("name"))));
        }
        return names;
    }

    /** A marker the synthetic UDL puts where a parameter goes; {@code replacement} is the value's text around it. */
    record Sentinel(String marker, String parameter, java.util.function.UnaryOperator<String> replacement) {
    }

    private static Object substitute(Object node, List<Sentinel> sentinels) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, sentinels)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> substitute(v, sentinels)).toList();
        }
        if (node instanceof String text) {
            for (Sentinel s : sentinels) {
                if (text.contains(s.marker())) {
                    return s.replacement().apply(text);
                }
            }
        }
        return node;
    }

    /**
     * In an app, the system-health service opens a system's connection (and retries) before its routes run; a Kamelet
     * has no such service, so a connection bean with a public {@code connect()} and no init method is connected when
     * the Kamelet's route is created (a peer that is down then fails the route's start, which Camel K restarts).
     */
    private static Map<String, Object> connectedAtStart(Map<String, Object> bean) {
        if (bean.containsKey("initMethod")) {
            return bean;
        }
        try {
            Class<?> type = Class.forName(String.valueOf(bean.get("type")), false,
                    TemplateBuilder.class.getClassLoader());
            if (java.lang.reflect.Modifier.isPublic(type.getMethod("connect").getModifiers())) {
                Map<String, Object> out = new LinkedHashMap<>(bean);
                out.put("initMethod", "connect");
                return out;
            }
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            // not a connection bean: created as the app creates it
        }
        return bean;
    }

    /** The local bean that parses what the Kamelet receives from its source into a UDM message. */
    static final String NORMALIZE_BEAN = "kamelet-normalize";
    /** The local bean that writes the UDM body as JSON text for whatever follows the Kamelet. */
    static final String JSON_BEAN = "kamelet-json";

    private static Map<String, Object> bean(String name, String type, String constructorArg) {
        Map<String, Object> bean = new LinkedHashMap<>();
        bean.put("name", name);
        bean.put("type", type);
        if (constructorArg != null) {
            bean.put("constructors", new LinkedHashMap<>(Map.of("0", constructorArg)));
        }
        return bean;
    }

    private static boolean isSinkCall(Object step) {
        if (step instanceof Map<?, ?> m && m.size() == 1 && m.get("to") != null) {
            Object to = m.get("to");
            Object uri = to instanceof Map<?, ?> toMap ? toMap.get("uri") : to;
            return String.valueOf(uri).startsWith(SINK_URI);
        }
        return false;
    }

    /** The beans the route names, and the beans those name, in the app's order (a bean is created before its users). */
    private List<Map<String, Object>> referencedBeans(Object from) {
        Set<String> needed = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>(List.of(Kamelet.Yaml.dump(from)));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map<String, Object> bean : beans) {
                String name = String.valueOf(bean.get("name"));
                if (!APP_BEANS.contains(name) && !needed.contains(name)
                        && texts.stream().anyMatch(t -> mentions(t, name))) {
                    needed.add(name);
                    texts.add(Kamelet.Yaml.dump(bean));
                    grew = true;
                }
            }
        }
        return beans.stream().filter(b -> needed.contains(String.valueOf(b.get("name")))).toList();
    }

    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])").matcher(text)
                .find();
    }
}
