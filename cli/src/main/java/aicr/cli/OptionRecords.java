package aicr.cli;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Binds a command's parsed options onto the engine's flags record in one step: each record
 * component takes the value of the command's field of the same name and type, so a flag is
 * declared once in the CLI (name, help) and once in the engine (meaning), with no copying in
 * between. The binding is strict both ways: a component without its field, a field of
 * another type, or an {@code @Option} field no component takes is a programming error.
 */
final class OptionRecords {
    private OptionRecords() {
    }

    /**
     * @param extra values for components that are not plain fields of {@code options} (mixins,
     *              environment defaults), by component name; null values allowed
     */
    static <R extends Record> R bind(Class<R> type, Object options, Map<String, Object> extra) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : options.getClass().getDeclaredFields()) {
            fields.put(f.getName(), f);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                Field f = fields.remove(c.getName());
                if (extra.containsKey(c.getName())) {
                    values[i] = extra.get(c.getName());
                } else if (f == null || f.getType() != c.getType()) {
                    throw new IllegalStateException(options.getClass().getSimpleName() + " has no " + c.getType().getSimpleName()
                            + " field for " + type.getSimpleName() + "." + c.getName());
                } else {
                    f.setAccessible(true);
                    values[i] = f.get(options);
                }
            }
            for (Field f : fields.values()) {
                if (f.isAnnotationPresent(Option.class)) {
                    throw new IllegalStateException(options.getClass().getSimpleName() + "." + f.getName()
                            + " is an option that " + type.getSimpleName() + " does not take");
                }
            }
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot bind " + type.getSimpleName(), e);
        }
    }
}
