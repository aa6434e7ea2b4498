package lab.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code --name value} options of one command ({@code bin/lab train ...}, {@link Bench}): checked against
 * the options the command knows when built, then read with typed getters that fall back to a default. Every
 * bad argument is an {@link IllegalArgumentException} naming the option and quoting what was given, e.g.
 * {@code --epochs must be a whole number, got 'ten'}. An option given twice keeps its last value.
 */
// Hand-written: none of the project's libraries (DJL, Tablesaw, XChart) parses command-line options.
public final class CommandLine {

    private final List<String> known;
    private final Map<String, String> values = new HashMap<>();

    /**
     * Reads {@code args} as {@code --name value} pairs.
     *
     * @param known every option the command accepts, dashes included, e.g. {@code "--epochs"}
     * @throws IllegalArgumentException for an argument that is not a known option, or an option without a value
     */
    public CommandLine(String[] args, String... known) {
        this.known = List.of(known);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!this.known.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; " + knownOptions());
            }
            // "--models --epochs 5" lacks a value for --models; it does not set the models to "--epochs".
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
    }

    /** Returns option {@code name} as an int, or {@code fallback} when it is not given. */
    public int intOr(String name, int fallback) {
        String v = value(name);
        return v == null ? fallback : number(name, v, Integer::parseInt, "a whole number");
    }

    /** Returns option {@code name} as an int; refuses a command line without it. */
    public int requiredInt(String name) {
        return number(name, requiredText(name), Integer::parseInt, "a whole number");
    }

    /** Returns option {@code name} as a long, or {@code fallback} when it is not given. */
    public long longOr(String name, long fallback) {
        String v = value(name);
        return v == null ? fallback : number(name, v, Long::parseLong, "a whole number");
    }

    /** Returns option {@code name} as a double, or {@code fallback} when it is not given. */
    public double doubleOr(String name, double fallback) {
        String v = value(name);
        return v == null ? fallback : number(name, v, Double::parseDouble, "a number");
    }

    /** Returns option {@code name} as given, or {@code fallback} when it is not given. */
    public String textOr(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    /** Returns option {@code name} as given; refuses a command line without it. */
    public String requiredText(String name) {
        String v = value(name);
        if (v == null) {
            throw new IllegalArgumentException("missing option " + name);
        }
        return v;
    }

    /**
     * Returns option {@code name} as a comma-separated list, each item trimmed and mapped by {@code parse}
     * (blank items skipped), or {@code fallback} when it is not given. An {@link IllegalArgumentException} from
     * {@code parse} is reported with the option's name; a {@link NumberFormatException} as an item that is not a
     * number.
     *
     * @throws IllegalArgumentException for a bad item or a list without items
     */
    public <T> List<T> listOr(String name, Function<String, T> parse, List<T> fallback) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        List<T> out = new ArrayList<>();
        for (String item : v.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                out.add(parse.apply(item.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + item.trim() + "' in '" + v + "' is not a number");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(name + " must list at least one value, got '" + v + "'");
        }
        return List.copyOf(out);
    }

    private String value(String name) {
        // Asking for an undeclared option is a typo in the caller that would otherwise always read the fallback.
        if (!known.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an option of this command; " + knownOptions());
        }
        return values.get(name);
    }

    private static <T> T number(String name, String v, Function<String, T> parse, String kind) {
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + kind + ", got '" + v + "'");
        }
    }

    private String knownOptions() {
        return known.isEmpty() ? "this command takes no options" : "known: " + String.join(", ", known);
    }
}
