package dev.smtpmxcheck.gate;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CheckSettings} in a form made of JDK types only (HashMap, ArrayList, String, Integer, Boolean), for the
 * remoting channel between the Jenkins controller and an agent, whose class filter (JEP-200) refuses the classes of
 * libraries bundled in a plugin. Every record component travels under its name, a nested record as a map of its own,
 * so that a setting added to {@link CheckSettings} reaches the agent without a second list of fields to keep in step.
 */
public final class SettingsWire {
    private SettingsWire() {}

    /**
     * The settings as nested maps of JDK types.
     *
     * @param settings the settings; not null
     * @return a new map, keyed by record component name; a null component is absent
     */
    public static HashMap<String, Object> toWire(CheckSettings settings) {
        return toMap(settings);
    }

    /**
     * The settings back from {@link #toWire}.
     *
     * @param wire the map {@link #toWire} gave
     * @return equal settings
     * @throws IllegalArgumentException when the map does not hold settings of this version (a value of another type)
     */
    public static CheckSettings fromWire(Map<String, ?> wire) {
        return fromMap(CheckSettings.class, wire);
    }

    private static HashMap<String, Object> toMap(Record record) {
        HashMap<String, Object> map = new HashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value = read(c, record);
            if (value instanceof Record nested) {
                map.put(c.getName(), toMap(nested));
            } else if (value instanceof List<?> list) {
                map.put(c.getName(), new ArrayList<>(list));
            } else if (value != null) {
                map.put(c.getName(), value);
            }
        }
        return map;
    }

    private static <R extends Record> R fromMap(Class<R> type, Map<String, ?> map) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object value = map.get(c.getName());
            if (value != null && c.getType().isRecord()) {
                if (!(value instanceof Map<?, ?> nested)) {
                    throw new IllegalArgumentException(c.getName() + " is not a map of settings");
                }
                values[i] = fromMap(c.getType().asSubclass(Record.class), castMap(nested));
            } else if (value instanceof List<?> list) {
                values[i] = List.copyOf(list);
            } else if (value == null || c.getType().isInstance(value)) {
                values[i] = value;
            } else {
                throw new IllegalArgumentException(c.getName() + " is a " + value.getClass().getSimpleName()
                        + ", not a " + c.getType().getSimpleName());
            }
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("no canonical constructor for " + type.getSimpleName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    private static Object read(RecordComponent c, Record record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
