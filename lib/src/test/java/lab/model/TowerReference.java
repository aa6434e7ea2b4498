package lab.model;

/**
 * A plain-Java forward pass of one tower, row by row, for tests: the "computed another way" reference for
 * the stacked {@link TowerPass}. Weights as the layout stores them ([in, out] per tower).
 */
final class TowerReference {

    private TowerReference() {}

    /**
     * Returns the logits of tower {@code t}, [B][outputs], for embedding rows {@code x} [B][D]; flat in
     * {@link TowerLayout} order. {@code weightShift[l]} / {@code biasShift[l]} are added to every weight/bias of
     * layer l (0 for none); {@code residual} adds the first hidden activation to the last.
     */
    static double[][] logits(TowerLayout layout, float[] flat, int t, double[][] x, double[] weightShift,
            double[] biasShift, boolean residual) {
        int layers = weightShift.length;
        double[][] a = x;
        double[][] first = null;
        for (int l = 0; l < layers; l++) {
            long[] bs = layout.shape("bias" + l).getShape();
            int in = a[0].length;
            int out = (int) bs[2];
            int bo = (int) layout.offset("bias" + l) + t * out;
            int b = a.length;
            double[][] z = new double[b][out];
            for (int r = 0; r < b; r++) {
                for (int j = 0; j < out; j++) {
                    double s = flat[bo + j] + biasShift[l];
                    for (int i = 0; i < in; i++) {
                        s += a[r][i] * (flat[layout.weightIndex(l, t, i, j)] + weightShift[l]);
                    }
                    z[r][j] = s;
                }
            }
            if (l == layers - 1) {
                return z;
            }
            int go = (int) layout.offset("gamma" + l) + t * out;
            int beo = (int) layout.offset("beta" + l) + t * out;
            for (int j = 0; j < out; j++) {
                double mean = 0;
                for (int r = 0; r < b; r++) {
                    mean += z[r][j];
                }
                mean /= b;
                double var = 0;
                for (int r = 0; r < b; r++) {
                    var += (z[r][j] - mean) * (z[r][j] - mean);
                }
                var /= b;
                for (int r = 0; r < b; r++) {
                    double y = (z[r][j] - mean) / Math.sqrt(var + TowerPass.BN_EPS) * flat[go + j] + flat[beo + j];
                    z[r][j] = Math.max(0, y);
                }
            }
            if (l == 0) {
                first = z;
            }
            if (residual && l == layers - 2) {
                for (int r = 0; r < b; r++) {
                    for (int j = 0; j < out; j++) {
                        z[r][j] += first[r][j];
                    }
                }
            }
            a = z;
        }
        throw new IllegalStateException("unreachable");
    }

    /** Returns rows {@code idx} of the embedding in {@code flat}, [B][D]. */
    static double[][] embed(TowerLayout layout, float[] flat, long[] idx) {
        long[] s = layout.shape("embedding").getShape();
        int d = (int) s[1];
        double[][] x = new double[idx.length][d];
        for (int r = 0; r < idx.length; r++) {
            for (int i = 0; i < d; i++) {
                x[r][i] = flat[(int) idx[r] * d + i];
            }
        }
        return x;
    }
}
