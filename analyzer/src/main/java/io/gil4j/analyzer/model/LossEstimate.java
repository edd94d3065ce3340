package io.gil4j.analyzer.model;

/**
 * The single-recording throughput-loss estimate of docs/design.md section 6.
 *
 * <p>W = the run's wall time, H = summed GIL demand = held time of all threads (in mode=off the time
 * they would have held it). A GIL cannot finish before max(W, H), so {@code simpleLoss = 1 - W / max(W, H)}.
 * The refined estimate applies the same bound per interval of the gil.Stats series (cumulative held
 * per thread, interpolated linearly on a grid of the stats period) and sums:
 * {@code refinedWall = sum(max(dW_i, dH_i))}, {@code refinedLoss = 1 - W / refinedWall}; it is larger
 * than the simple one when the demand is bursty. With fewer than two Stats samples per thread the
 * refined figures equal the simple ones.
 */
public record LossEstimate(long wallNanos, long demandNanos, double simpleLoss, long refinedWallNanos,
                           double refinedLoss, int intervals, String basis) {

    public static LossEstimate of(long wall, long demand, long refinedWall, int intervals, String basis) {
        double simple = wall <= 0 ? 0 : 1.0 - (double) wall / Math.max(wall, demand);
        long rw = Math.max(refinedWall, wall);
        double refined = rw <= 0 ? 0 : 1.0 - (double) wall / rw;
        return new LossEstimate(wall, demand, simple, rw, refined, intervals, basis);
    }

    public LossEstimate plus(LossEstimate o) {
        return of(wallNanos + o.wallNanos, demandNanos + o.demandNanos, refinedWallNanos + o.refinedWallNanos,
                intervals + o.intervals, basis.equals(o.basis) ? basis : basis + "+" + o.basis);
    }
}
