package io.gil4j.bench;

/**
 * A counted {@code int} loop whose body branches: the count of the unmarked entries of a sieve-like table,
 * run over the table PASSES times in one call. One thread, no allocation in the timed part. Every third
 * entry is marked, so the branch is predictable and the time is the loop's, not the branch predictor's
 * (over a real sieve's table the time without the agent already varied 2x from JVM to JVM, with C2's
 * choice between a branch and a conditional move).
 *
 * <p>Why it is a workload of its own: gil4j strip-mines such loops (chunks with a checkpoint between
 * them, {@code StripMinedLoop}), and the loop then has two ways back to its header: the body's, and the
 * one through the checkpoint. C2 makes the way whose nearest branch looks hotter the inner loop; after
 * an if-else the body's way has no branch of its own, the checkpoint's carries {@code Gil.checkpoint}'s
 * profile, shared by every loop of the program, and C2 made that the inner loop: the program's loop
 * compiled uncounted, one element at a time: 1.2-2x its time without the agent (best repetition per JVM,
 * JDK 17 and 25; a sieve's table 1.3-4x)
 * (BENCHMARKS.md "Loops whose body branches").
 *
 * <p>Usage: {@code BranchyLoop PASSES REPS}: prints {@code branchy-loop REP SECONDS} for each repetition
 * and a checksum.
 */
public final class BranchyLoop {
    private BranchyLoop() { }

    static long countUnmarked(boolean[] marked, int passes) {
        long count = 0;
        for (int k = 0; k < passes; k++) {
            for (int p = 2; p < marked.length; p++) if (!marked[p]) count++;
        }
        return count;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BranchyLoop PASSES REPS");
            System.exit(2);
        }
        int passes = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        boolean[] marked = new boolean[200_000];
        for (int i = 0; i < marked.length; i += 3) marked[i] = true;
        long check = 0;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            check += countUnmarked(marked, passes);
            System.out.printf("branchy-loop %d %.4f%n", rep, (System.nanoTime() - t0) / 1e9);
        }
        System.out.println("# checksum " + check);
    }
}
