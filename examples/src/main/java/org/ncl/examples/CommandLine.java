package org.ncl.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ncl.core.NclOptions;

/**
 * The arguments of {@link Bench} (the command-line tool, {@link org.ncl.cli.NclCommand}, uses picocli):
 * NCL settings as {@code key=value} pairs (any key of {@link NclOptions#toMap()}, for example {@code discoveryEpochs=10 device=CPU}), {@code --out PATH},
 * {@code --help}, and up to a given number of plain positional arguments.
 *
 * <p>Settings are applied on top of {@link NclOptions#builder(int)}'s defaults through
 * {@link NclOptions#toMap()} / {@link NclOptions#fromMap(Map)}, so they are validated exactly as the
 * library validates them. Values of enum settings are case-insensitive.
 *
 * @param overrides the {@code key=value} settings, in the order given
 * @param out the value of {@code --out}, if given
 * @param positional the plain arguments, in order
 * @param help whether {@code --help} or {@code -h} was given
 */
public record CommandLine(Map<String, String> overrides, Optional<Path> out, List<String> positional, boolean help) {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern ENUM = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of(
            "device", NclOptions.DeviceChoice.class,
            "encoder", NclOptions.EncoderType.class,
            "pretrainMethod", NclOptions.PretrainMethod.class,
            "pseudoLabels", NclOptions.PseudoLabels.class,
            "modelSelection", NclOptions.ModelSelection.class,
            "novelHeadInit", NclOptions.NovelHeadInit.class);

    /** Compact constructor: copies the collections. */
    public CommandLine {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        positional = List.copyOf(positional);
    }

    /**
     * The start of a command: parsed arguments and the NCL options they set, or the exit code when the
     * command should stop here (0 after printing the usage for {@code --help}, 2 after reporting bad
     * arguments with the usage).
     *
     * @param cli the parsed arguments (null after bad arguments)
     * @param options the options (null when the command stops)
     * @param exitCode the exit code when the command stops, or -1 to go on
     */
    record Invocation(CommandLine cli, NclOptions options, int exitCode) {
        /** True when the command should go on. */
        boolean proceed() {
            return exitCode < 0;
        }
    }

    /** Parses {@code args} and applies them to the default options (C_u = 5), printing usage or errors as needed. */
    static Invocation start(String[] args, int maxPositional, String usage, java.io.PrintStream out, java.io.PrintStream err) {
        try {
            CommandLine cli = parse(args, maxPositional);
            if (cli.help()) {
                out.println(usage);
                return new Invocation(cli, null, 0);
            }
            return new Invocation(cli, cli.options(NclOptions.builder(5).build()), -1);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage);
            return new Invocation(null, null, 2);
        }
    }

    /**
     * Parses arguments.
     *
     * @param args the arguments of {@code main}
     * @param maxPositional how many plain arguments are allowed
     * @return the parsed arguments
     * @throws IllegalArgumentException for an unknown flag, {@code --out} without a value, an empty key, a key
     *     given twice, or too many plain arguments; the message names the argument
     */
    public static CommandLine parse(String[] args, int maxPositional) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        Path out = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--out")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new IllegalArgumentException("argument '--out' needs a path after it");
                }
                out = Path.of(args[++i]);
            } else if (a.startsWith("--out=")) {
                String v = a.substring("--out=".length());
                if (v.isBlank()) {
                    throw new IllegalArgumentException("argument '--out=' needs a path after '='");
                }
                out = Path.of(v);
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown argument '" + a + "'; expected key=value settings, --out PATH or --help");
            } else if (a.contains("=")) {
                int eq = a.indexOf('=');
                String key = a.substring(0, eq).trim();
                String value = a.substring(eq + 1).trim();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("argument '" + a + "' has no key before '='; expected key=value");
                }
                if (overrides.containsKey(key)) {
                    throw new IllegalArgumentException("setting '" + key + "' is given twice ('" + overrides.get(key)
                            + "' and '" + value + "')");
                }
                overrides.put(key, value);
            } else {
                if (positional.size() >= maxPositional) {
                    throw new IllegalArgumentException("unexpected argument '" + a + "': expected key=value settings"
                            + (maxPositional > 0 ? " after at most " + maxPositional + " plain argument(s)" : ""));
                }
                positional.add(a);
            }
        }
        return new CommandLine(overrides, Optional.ofNullable(out), positional, help);
    }

    /**
     * The settings: {@code defaults} with the {@code key=value} overrides applied.
     *
     * @param defaults the settings to start from
     * @return the validated settings
     * @throws IllegalArgumentException if a key is not a setting, a value has the wrong type, or the result
     *     fails {@link NclOptions} validation; the message names the setting
     */
    public NclOptions options(NclOptions defaults) {
        Map<String, String> map = new LinkedHashMap<>(defaults.toMap());
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            String current = map.get(key);
            if (current == null) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known settings: " + String.join(", ", map.keySet()));
            }
            map.put(key, normalise(key, current, e.getValue()));
        }
        try {
            return NclOptions.fromMap(map);
        } catch (IllegalArgumentException ex) {
            String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            if (msg.contains("option '")) {
                throw ex; // NclOptions' own validation names the option
            }
            throw new IllegalArgumentException("invalid settings " + overrides + ": " + msg, ex);
        }
    }

    /** Checks the value's type against the default's and normalises booleans and enum names. */
    private static String normalise(String key, String defaultValue, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("setting '" + key + "' has an empty value; e.g. " + key + "=" + defaultValue);
        }
        if (defaultValue.equals("true") || defaultValue.equals("false")) {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("setting '" + key + "' must be true or false, got '" + value + "'");
            }
            return v;
        }
        if (ENUM.matcher(defaultValue).matches()) {
            String v = value.toUpperCase(Locale.ROOT);
            Class<? extends Enum<?>> type = ENUMS.get(key);
            if (type != null) {
                List<String> names = new ArrayList<>();
                for (Enum<?> c : type.getEnumConstants()) {
                    names.add(c.name());
                }
                if (!names.contains(v)) {
                    throw new IllegalArgumentException("setting '" + key + "' must be one of " + names + ", got '" + value + "'");
                }
            }
            return v;
        }
        if (INTEGER.matcher(defaultValue).matches()) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("setting '" + key + "' must be a whole number, got '" + value + "'", ex);
            }
            return value;
        }
        if (defaultValue.startsWith("[")) {
            String inner = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
            for (String part : inner.split(",")) {
                try {
                    Double.parseDouble(part.trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("setting '" + key + "' must be a comma-separated list of numbers, e.g. "
                            + defaultValue.substring(1, defaultValue.length() - 1).replace(" ", "") + ", got '" + value + "'", ex);
                }
            }
            return "[" + inner + "]";
        }
        try {
            Double.parseDouble(value);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, got '" + value + "'", ex);
        }
        return value;
    }
}
