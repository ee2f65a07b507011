// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The declaration of one setting of an NCL run: its name, type, default, allowed range, description, the paper
 * it comes from, the version that added it, the value that reproduces model files written before it existed, and
 * its value in the authors' reference recipe. Everything else about a setting (validation, parsing by name, the
 * map stored in model files and provenance, help texts, the adapters' configuration surfaces) is derived from
 * this declaration; the declarations themselves are the constants of {@link NclOptions}.
 *
 * <p>Values are immutable: numbers, booleans, enum constants, and read-only lists.
 *
 * @param <T> the value type
 */
public final class Setting<T> {

    private final String name;
    private final Codec<T> codec;
    private final T defaultValue;
    private String description = "";
    private String paper = "";
    private String since = "0.1.0";
    private T whenAbsent;
    private boolean hasWhenAbsent;
    private T reference;
    private boolean hasReference;
    private String range = "";
    private final List<Predicate<T>> rules = new ArrayList<>();
    private final List<String> ruleTexts = new ArrayList<>();
    private String form;
    private int index = -1;

    private Setting(String name, Codec<T> codec, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.codec = codec;
        this.defaultValue = defaultValue == null ? null : codec.copy(defaultValue);
    }

    // ---- declaration (package-private: only NclOptions declares settings) ------------------------

    static Setting<Integer> integer(String name, Integer defaultValue) {
        return new Setting<>(name, Codec.INTEGER, defaultValue);
    }

    static Setting<Long> longInteger(String name, long defaultValue) {
        return new Setting<>(name, Codec.LONG, defaultValue);
    }

    static Setting<Double> real(String name, double defaultValue) {
        return new Setting<>(name, Codec.DOUBLE, defaultValue);
    }

    static Setting<Boolean> flag(String name, boolean defaultValue) {
        return new Setting<>(name, Codec.BOOLEAN, defaultValue);
    }

    static <E extends Enum<E>> Setting<E> choice(String name, E defaultValue) {
        return new Setting<>(name, Codec.choice(defaultValue.getDeclaringClass()), defaultValue);
    }

    static Setting<List<Integer>> integers(String name, Integer... defaultValue) {
        return new Setting<>(name, Codec.INTEGERS, List.of(defaultValue));
    }

    static Setting<List<Double>> reals(String name, Double... defaultValue) {
        return new Setting<>(name, Codec.DOUBLES, List.of(defaultValue));
    }

    Setting<T> describe(String text) {
        this.description = text;
        return this;
    }

    Setting<T> paper(String citation) {
        this.paper = citation;
        return this;
    }

    Setting<T> since(String version) {
        this.since = version;
        return this;
    }

    /** Added after the first model-file format: model files without it behave as {@code value}. */
    Setting<T> addedLater(String version, T value) {
        this.since = version;
        this.whenAbsent = value;
        this.hasWhenAbsent = true;
        return this;
    }

    /** The value of the authors' reference recipe, where it differs from the default. */
    Setting<T> reference(T value) {
        this.reference = value;
        this.hasReference = true;
        return this;
    }

    /** The expected text form in parse errors, where the type's own form says too little. */
    Setting<T> form(String text) {
        this.form = text;
        return this;
    }

    /** A rule every value must satisfy, and the phrase completing "option 'x' must ..." when it does not. */
    Setting<T> rule(Predicate<T> ok, String mustText) {
        rules.add(ok);
        ruleTexts.add(mustText);
        return this;
    }

    Setting<T> atLeast(long min) {
        range = ">= " + min;
        return each(v -> ((Number) v).longValue() >= min, "be at least " + min);
    }

    Setting<T> positive() {
        range = "> 0";
        return each(v -> v.doubleValue() > 0 && Double.isFinite(v.doubleValue()), "be a positive finite number");
    }

    Setting<T> nonNegative() {
        range = ">= 0";
        return each(v -> v.doubleValue() >= 0 && Double.isFinite(v.doubleValue()), "be a finite number >= 0");
    }

    /** Within [lo, hi] or its half-open variants. */
    Setting<T> within(double lo, boolean loIncluded, double hi, boolean hiIncluded) {
        range = (loIncluded ? "[" : "(") + lo + ", " + hi + (hiIncluded ? "]" : ")");
        return each(
                v -> {
                    double d = v.doubleValue();
                    return (loIncluded ? d >= lo : d > lo) && (hiIncluded ? d <= hi : d < hi);
                },
                "be in " + range);
    }

    Setting<T> notEmpty() {
        return rule(v -> !((List<?>) v).isEmpty(), "list at least one value");
    }

    /** A rule on the value, or on each element when the value is a list. */
    private Setting<T> each(Predicate<Number> ok, String mustText) {
        return rule(
                v -> v instanceof List<?> list ? list.stream().allMatch(x -> ok.test((Number) x)) : ok.test((Number) v),
                mustText);
    }

    void register(int position) {
        if (index >= 0) {
            throw new IllegalStateException("setting '" + name + "' declared twice");
        }
        index = position;
    }

    int index() {
        return index;
    }

    /** A copy that later changes to {@code value} cannot reach (lists are copied; null stays null for build() to name). */
    T copy(T value) {
        return value == null ? null : codec.copy(value);
    }

    // ---- what the declaration tells -------------------------------------------------------------

    /** The setting's name, as in model files, provenance, {@code -o name=value} and every adapter. */
    public String name() {
        return name;
    }

    /** The Java type of its values ({@code Integer}, {@code Double}, an enum, {@code List}, ...). */
    public Class<?> type() {
        return codec.type();
    }

    /** For a choice, its constants; otherwise an empty list. */
    public List<String> choices() {
        return codec.choices();
    }

    /** The default, or null for a setting without one (the number of novel classes). */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether the setting has no default and must be given. */
    public boolean required() {
        return defaultValue == null;
    }

    /** What the setting does (one or two sentences). */
    public String description() {
        return description;
    }

    /** The description followed by the paper in brackets, if there is one: the text every front end shows. */
    public String citedDescription() {
        return paper.isEmpty() ? description : description + " [" + paper + "]";
    }

    /** The paper the setting or its default comes from; empty if it is this project's own. */
    public String paper() {
        return paper;
    }

    /** The version that added the setting. */
    public String since() {
        return since;
    }

    /** Whether model files written before the setting existed lack it. */
    public boolean addedLater() {
        return hasWhenAbsent;
    }

    /** The value that reproduces model files written before the setting existed (only if {@link #addedLater()}). */
    public T whenAbsent() {
        return whenAbsent;
    }

    /** Whether the reference recipe sets this setting to something other than the default. */
    public boolean hasReference() {
        return hasReference;
    }

    /** The reference recipe's value (the default unless {@link #hasReference()}). */
    public T referenceValue() {
        return hasReference ? reference : defaultValue;
    }

    /** The allowed range in words ("&gt;= 1", "[0.0, 1.0)", a list of choices), or empty. */
    public String range() {
        if (!codec.choices().isEmpty()) {
            return String.join("|", codec.choices());
        }
        return range;
    }

    /** The text form of a value, as stored in model files and provenance. */
    public String format(T value) {
        return codec.format(value);
    }

    /** The default in text form, or empty for a required setting. */
    public String defaultText() {
        return defaultValue == null ? "" : codec.format(defaultValue);
    }

    /**
     * Parses the text form of a value (numbers, enum constant names in any case, {@code true/false}, lists as
     * {@code [a, b]} or {@code a,b}) and checks it against the setting's rules.
     *
     * @throws IllegalArgumentException naming the setting and the expected form
     */
    public T parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("option '" + name + "' has no value");
        }
        T value;
        try {
            value = codec.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "option '" + name + "': cannot use '" + text + "' (expected " + expectedForm() + ")", e);
        }
        return check(value);
    }

    /** What a text value must look like, for messages and help. */
    public String expectedForm() {
        return form != null ? form : codec.form(defaultValue);
    }

    /**
     * Checks a value against the setting's rules.
     *
     * @return the value (a defensive copy for lists)
     * @throws IllegalArgumentException naming the setting, the rule and the value
     */
    public T check(T value) {
        if (value == null) {
            throw new IllegalArgumentException("option '" + name + "' must not be null");
        }
        T v = codec.copy(value);
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.get(i).test(v)) {
                throw new IllegalArgumentException(
                        "option '" + name + "' must " + ruleTexts.get(i) + ", got " + codec.format(v));
            }
        }
        return v;
    }

    /**
     * One help line: name, type and range, default, description, paper.
     *
     * @return e.g. {@code learningRate (number > 0, default 0.1): Discovery learning rate. [Zhong et al., CVPR 2021]}
     */
    public String help() {
        StringBuilder s = new StringBuilder(name).append(" (").append(codec.kind());
        String r = range();
        if (!r.isEmpty()) {
            s.append(' ').append(r);
        }
        s.append(required() ? ", required" : ", default " + defaultText());
        if (hasReference) {
            s.append(", reference ").append(codec.format(reference));
        }
        return s.append("): ").append(citedDescription()).toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Text form, type and copying of a value type. */
    private interface Codec<T> {
        T parse(String text);

        default String format(T value) {
            return String.valueOf(value);
        }

        Class<?> type();

        String kind();

        default String form(T example) {
            return kind().startsWith("integer") ? "an integer" : "a number";
        }

        default List<String> choices() {
            return List.of();
        }

        default T copy(T value) {
            return value;
        }

        Codec<Integer> INTEGER = simple(Integer.class, "integer", Integer::valueOf);
        Codec<Long> LONG = simple(Long.class, "integer", Long::valueOf);
        Codec<Double> DOUBLE = simple(Double.class, "number", Double::valueOf);
        Codec<Boolean> BOOLEAN = new Codec<>() {
            @Override
            public Boolean parse(String text) {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new IllegalArgumentException("not a boolean: " + text);
            }

            @Override
            public Class<?> type() {
                return Boolean.class;
            }

            @Override
            public String kind() {
                return "boolean";
            }

            @Override
            public String form(Boolean example) {
                return "true or false";
            }
        };
        Codec<List<Integer>> INTEGERS = list(Integer::valueOf, "integers", "a list of integers such as ");
        Codec<List<Double>> DOUBLES = list(Double::valueOf, "numbers", "a list of numbers such as ");

        private static <T> Codec<T> simple(Class<T> type, String kind, java.util.function.Function<String, T> parser) {
            return new Codec<>() {
                @Override
                public T parse(String text) {
                    return parser.apply(text);
                }

                @Override
                public Class<?> type() {
                    return type;
                }

                @Override
                public String kind() {
                    return kind;
                }
            };
        }

        private static <E> Codec<List<E>> list(
                java.util.function.Function<String, E> parser, String kind, String form) {
            return new Codec<>() {
                @Override
                public List<E> parse(String text) {
                    String t = text.trim();
                    if (t.startsWith("[") && t.endsWith("]")) {
                        t = t.substring(1, t.length() - 1);
                    }
                    if (t.isBlank()) {
                        return List.of();
                    }
                    return Arrays.stream(t.split(","))
                            .map(String::trim)
                            .map(parser)
                            .toList();
                }

                @Override
                public String format(List<E> value) {
                    return value.toString();
                }

                @Override
                public Class<?> type() {
                    return List.class;
                }

                @Override
                public String kind() {
                    return "list of " + kind;
                }

                @Override
                public String form(List<E> example) {
                    return form + (kind.equals("integers") ? example : "[0.33, 0.67]");
                }

                @Override
                public List<E> copy(List<E> value) {
                    return List.copyOf(value);
                }
            };
        }

        static <E extends Enum<E>> Codec<E> choice(Class<E> type) {
            return new Codec<>() {
                @Override
                public E parse(String text) {
                    return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
                }

                @Override
                public String format(E value) {
                    return value.name();
                }

                @Override
                public Class<?> type() {
                    return type;
                }

                @Override
                public String kind() {
                    return "one of";
                }

                @Override
                public String form(E example) {
                    return "one of " + String.join(", ", choices());
                }

                @Override
                public List<String> choices() {
                    return Arrays.stream(type.getEnumConstants())
                            .map(Enum::name)
                            .collect(Collectors.toList());
                }
            };
        }
    }
}
