package lab.data;

import java.util.SplittableRandom;

/**
 * The one shuffle of the project: Fisher-Yates from the top, one {@code nextInt(i + 1)} per position. Data
 * splits, bit codes and the sweep's epoch orders all draw through it, so a stored result's order is fixed by its
 * RNG seed alone.
 */
public final class Shuffle {

    private Shuffle() {}

    /** Returns a uniformly random permutation of {@code 0..n-1}, drawn from {@code rng}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
