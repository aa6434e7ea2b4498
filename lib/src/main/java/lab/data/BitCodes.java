package lab.data;

import java.util.SplittableRandom;

/**
 * The data of the st-vs-mt sweep: a seeded random bijection from the {@code 2^length} indices to the
 * {@code length}-bit codes. {@code codes[i]} is the code of index i, read most significant bit first
 * (bit 0 of row i is the leftmost digit, as in the seed's {@code 1 - 1001010101}).
 */
public record BitCodes(int length, int[] codes) {

    /** Mixed into the seed so the code table never shares a stream with model initialisation. */
    private static final long DATA_STREAM = 0x3C6EF372FE94F82BL;

    public BitCodes {
        if (length < 1 || length > 16) {
            throw new IllegalArgumentException("code length must be 1..16, got " + length);
        }
        if (codes.length != 1 << length) {
            throw new IllegalArgumentException(
                    codes.length + " codes for length " + length + ", expected 2^" + length + " = " + (1 << length));
        }
        boolean[] seen = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c < 0 || c >= codes.length || seen[c]) {
                throw new IllegalArgumentException("codes are not a bijection: index " + i + " maps to " + c);
            }
            seen[c] = true;
        }
        codes = codes.clone();
    }

    /**
     * Returns the bijection for this seed: a uniformly random permutation of {@code 0..2^length-1}
     * (Fisher-Yates on {@code SplittableRandom(seed ^ DATA_STREAM)}).
     */
    public static BitCodes generate(int length, long seed) {
        if (length < 1 || length > 16) {
            throw new IllegalArgumentException("code length must be 1..16, got " + length);
        }
        int n = 1 << length;
        return new BitCodes(length, Shuffle.permutation(n, new SplittableRandom(seed ^ DATA_STREAM)));
    }

    /** Returns the number of indices, {@code 2^length}. */
    public int count() {
        return codes.length;
    }

    /** Returns a copy of the code table, [count]. */
    @Override
    public int[] codes() {
        return codes.clone();
    }

    /** Returns bit {@code j} (0 = most significant) of index {@code i}'s code, 0 or 1. */
    public int bit(int i, int j) {
        if (j < 0 || j >= length) {
            throw new IllegalArgumentException("bit " + j + " outside 0.." + (length - 1));
        }
        return (codes[i] >>> (length - 1 - j)) & 1;
    }

    /** Returns the targets as floats 0/1, [count, length], row i = the bits of index i's code. */
    public Rows targets() {
        float[] v = new float[count() * length];
        for (int i = 0; i < count(); i++) {
            for (int j = 0; j < length; j++) {
                v[i * length + j] = bit(i, j);
            }
        }
        return new Rows(count(), length, v);
    }

    /** Returns the code of index i written as bits, e.g. {@code "1001010101"}. */
    public String format(int i) {
        StringBuilder s = new StringBuilder(length);
        for (int j = 0; j < length; j++) {
            s.append(bit(i, j));
        }
        return s.toString();
    }
}
