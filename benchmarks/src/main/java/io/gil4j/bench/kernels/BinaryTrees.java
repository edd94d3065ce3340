package io.gil4j.bench.kernels;

/** Benchmark-game binary-trees, single-threaded: allocation and recursion; checksum = sum of all checks. */
final class BinaryTrees {
    static final class Node {
        final Node left, right;

        Node(Node left, Node right) { this.left = left; this.right = right; }

        int check() { return left == null ? 1 : 1 + left.check() + right.check(); }
    }

    static Node tree(int depth) {
        return depth > 0 ? new Node(tree(depth - 1), tree(depth - 1)) : new Node(null, null);
    }

    static String run(int maxDepth) {
        long sum = tree(maxDepth + 1).check();
        Node longLived = tree(maxDepth);
        for (int d = 4; d <= maxDepth; d += 2) {
            int iterations = 1 << (maxDepth - d + 4);
            long check = 0;
            for (int i = 0; i < iterations; i++) check += tree(d).check();
            sum += check;
        }
        return Long.toString(sum + longLived.check());
    }
}
