package lab.profile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import lab.store.ResultStore;

/**
 * The run size every notebook and runner uses: {@code quick} (minutes on 2 cores, for tests and CI) or
 * {@code full} (the seeds' scale). Read from the environment variable {@code LAB_PROFILE}; unset means quick.
 */
public enum Profile {
    QUICK,
    FULL;

    /** The environment variable that selects the profile. */
    public static final String VARIABLE = "LAB_PROFILE";

    /** Returns the profile named by {@code LAB_PROFILE}, or {@link #QUICK} when it is unset or blank. */
    public static Profile current() {
        return parse(System.getenv(VARIABLE));
    }

    /**
     * Returns the profile with this name (case-insensitive); null or blank means quick.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Profile parse(String value) {
        if (value == null || value.isBlank()) {
            return QUICK;
        }
        for (Profile p : values()) {
            if (p.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                VARIABLE + "='" + value + "' is not a profile; allowed: " + allowed());
    }

    /** Returns the result store directory of an experiment in this profile: {@code <root>/<profile>/<experiment>}. */
    public Path results(String experiment) {
        return ResultStore.root().resolve(label()).resolve(experiment);
    }

    /** Returns the lower-case name used in the environment, paths and rendered notebooks. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String allowed() {
        return Arrays.stream(values()).map(Profile::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
