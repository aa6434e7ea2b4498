package lab.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lower-case labels the command line, the notebooks and the stored results use for the project's enums
 * ({@code st}, {@code faithful}, {@code adam}), and their parsing: written once for every enum.
 */
public final class Labels {

    private Labels() {}

    /** Returns the constant's name in lower case, e.g. {@code ST -> "st"}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the constant of {@code type} whose label is {@code value} (case-insensitive, trimmed).
     *
     * @param what the word naming the value in the message, e.g. "mode"
     * @throws IllegalArgumentException "mode 'x' is not one of st, mt"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        String wanted = value == null ? "" : value.trim();
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(what + " '" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Labels::of).collect(Collectors.joining(", ")));
    }
}
