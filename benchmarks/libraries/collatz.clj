;; A CPU-bound Clojure program for benchmarks/clojure.sh: Collatz sequence lengths summed over a range,
;; with primitive-hinted loops (invokePrim/invokeStatic), split across futures. After warm-up on one and
;; two threads it times REPS runs of each and prints "t1 <s> <s> ..." and "t2 <s> <s> ...", then the sum
;; (the same on every setting: the check that the agent changed nothing the program computes).
(defn collatz-len ^long [^long n]
  (loop [n n c 0] (if (== n 1) c (recur (if (even? n) (quot n 2) (inc (* 3 n))) (inc c)))))

(defn work ^long [^long lo ^long hi]
  (loop [i lo s 0] (if (< i hi) (recur (inc i) (+ s (collatz-len i))) s)))

(defn run [threads total]
  (let [per (quot total threads)
        t0 (System/nanoTime)
        fs (doall (for [i (range threads)] (future (work (+ 1 (* i per)) (+ 1 (* (inc i) per))))))
        s (reduce + (map deref fs))]
    [s (/ (- (System/nanoTime) t0) 1e9)]))

(let [reps (Long/parseLong (or (System/getProperty "reps") "5"))]
  (dotimes [_ 3] (run 1 200000) (run 2 200000))
  (let [t1 (for [_ (range reps)] (run 1 400000))
        t2 (for [_ (range reps)] (run 2 400000))]
    (println "t1" (clojure.string/join " " (map second t1)))
    (println "t2" (clojure.string/join " " (map second t2)))
    (println "sum" (first (first t1)) (first (first t2)))))
(shutdown-agents)
