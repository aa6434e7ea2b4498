package lab.data;

/**
 * An enum of the project's with a lower-case label ({@link Labels#of}): the name the command line, the notebooks
 * and the stored results use ({@code st}, {@code faithful}, {@code adam}). Implemented by enums only.
 */
public interface Labelled {

    /** Returns the constant's name in lower case, e.g. {@code ST -> "st"}. */
    default String label() {
        return Labels.of((Enum<?>) this);
    }
}
