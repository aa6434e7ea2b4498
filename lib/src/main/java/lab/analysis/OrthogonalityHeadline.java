package lab.analysis;

/**
 * The headline numbers of experiment 002: the fraction of contribution vectors that are orthogonal (score above
 * 0.95) over all neurons and over live neurons only, next to the seed 000 note's "about 60%".
 *
 * @param all orthogonal vectors of all neurons (silent ones score 1 and count as orthogonal)
 * @param live orthogonal vectors of the live (non-silent) neurons
 */
public record OrthogonalityHeadline(PooledVectors.Fraction all, PooledVectors.Fraction live) {

    /** The fraction the seed 000 note reports, counted over all vectors (silent neurons included). */
    public static final double SEED_ALL = 0.60;
    /** The fraction the note's numbers give without silent neurons (SPEC). */
    public static final double SEED_LIVE = 0.40;

    /** Returns the headline of these pooled vectors. */
    public static OrthogonalityHeadline of(PooledVectors vectors) {
        return new OrthogonalityHeadline(vectors.orthogonal(), vectors.live().orthogonal());
    }

    /** Returns the number of silent neurons. */
    public int silent() {
        return all.total() - live.total();
    }

    /** Returns the lines to print: both fractions with counts, and which matches the note's reading. */
    public String text() {
        double fromAll = Math.abs(all.value() - SEED_ALL);
        double fromLive = Math.abs(live.value() - SEED_ALL);
        String match = fromAll <= fromLive
                ? "the all-neurons fraction is the nearer to the note's ~60%:\n         the note counted silent "
                        + "neurons (c = 0, atan2 = 0, score 1) as orthogonal"
                : "the live-neurons fraction is the nearer to the note's ~60%";
        // Said outright, so a small run is not read as matching the note when it does not.
        match += String.format("%n         (%.1f points from it; the other %.1f)", 100 * Math.min(fromAll, fromLive),
                100 * Math.max(fromAll, fromLive));
        return String.format("orthogonal (score > %.2f) over all vectors:   %s%n"
                + "orthogonal over live (non-silent) neurons:  %s   (%d silent neurons left out)%n"
                + "seed 000 note: \"~60%% within +-5%% orthogonal\" (all vectors); ~40%% without silent ones%n"
                + "reading: %s.",
                Orthogonality.ORTHOGONAL_ABOVE, all, live, silent(), match);
    }
}
