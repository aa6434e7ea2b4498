package lab.data;

/**
 * The analysis grid of seed 000: {@code side x side} points {@code (a, b)} evenly spaced over [0,1]^2, each fed
 * to the network as {@code [a, b, a, b]} so both tasks see the same pair. Point n is row {@code n / side}
 * (a, ascending) and column {@code n % side} (b, ascending).
 */
public record AnalysisGrid(int side) {

    public AnalysisGrid {
        if (side < 2) {
            throw new IllegalArgumentException("grid side must be >= 2, got " + side);
        }
    }

    /** Returns the seed's 5x5 grid. */
    public static AnalysisGrid seedGrid() {
        return new AnalysisGrid(5);
    }

    /** Returns the number of grid points, side^2. */
    public int points() {
        return side * side;
    }

    /** Returns the coordinate of step i along an axis, i / (side - 1). */
    public double coordinate(int i) {
        return (double) i / (side - 1);
    }

    /** Returns the network inputs, [side^2, 4], each row {@code [a, b, a, b]}. */
    public Rows inputs() {
        float[] x = new float[points() * MultiplicationTask.INPUTS];
        for (int n = 0; n < points(); n++) {
            float a = (float) coordinate(n / side);
            float b = (float) coordinate(n % side);
            x[n * 4] = a;
            x[n * 4 + 1] = b;
            x[n * 4 + 2] = a;
            x[n * 4 + 3] = b;
        }
        return Rows.of(x, MultiplicationTask.INPUTS);
    }
}
