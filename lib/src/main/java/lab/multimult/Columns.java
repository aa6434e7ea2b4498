package lab.multimult;

import lab.data.Rows;

/** Selects columns of a [rows, width] matrix: a single task's two factors or its one product. */
final class Columns {

    private Columns() {}

    /** Returns the columns {@code cols} of {@code r}, [rows, cols.length]. */
    static Rows of(Rows r, int... cols) {
        float[] v = r.values();
        float[] out = new float[r.rows() * cols.length];
        for (int n = 0; n < r.rows(); n++) {
            for (int c = 0; c < cols.length; c++) {
                out[n * cols.length + c] = v[n * r.width() + cols[c]];
            }
        }
        return new Rows(r.rows(), cols.length, out);
    }

    /** Returns task t's inputs (columns 2t, 2t+1) of [rows, 4] inputs. */
    static Rows taskInputs(Rows inputs, int task) {
        return of(inputs, 2 * task, 2 * task + 1);
    }

    /** Returns task t's target (column t) of [rows, 2] targets. */
    static Rows taskTarget(Rows targets, int task) {
        return of(targets, task);
    }
}
