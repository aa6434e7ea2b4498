package lab.data;

/**
 * A row-major matrix of floats, [rows, width], as the trainers and the result store pass it around.
 * Holds a private copy; {@link #values()} returns another.
 */
public record Rows(int rows, int width, float[] values) {

    public Rows {
        if (rows < 0 || width < 1) {
            throw new IllegalArgumentException("shape must be [rows >= 0, width >= 1], got [" + rows + ", " + width + "]");
        }
        if (values.length != rows * width) {
            throw new IllegalArgumentException(
                    values.length + " values do not fill [" + rows + ", " + width + "]");
        }
        values = values.clone();
    }

    /** Returns the matrix holding these values, their count divided into rows of {@code width}. */
    public static Rows of(float[] values, int width) {
        if (width < 1 || values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " values do not split into rows of " + width);
        }
        return new Rows(values.length / width, width, values);
    }

    /** Returns a copy of the values, row-major. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** Returns the value at row r, column c. */
    public float get(int r, int c) {
        return values[r * width + c];
    }

    /** Returns the shape as {@code long[]{rows, width}}, ready for {@code NDManager.create}. */
    public long[] shape() {
        return new long[] {rows, width};
    }
}
