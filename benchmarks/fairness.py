"""N CPU-bound threads count for a fixed time under CPython's GIL; same output as Fairness.java."""
import sys
import threading
import time

n, seconds = int(sys.argv[1]), float(sys.argv[2])
counts = [0] * n
stop = False


def count(slot):
    c = 0
    while not stop:
        for j in range(1000):
            c += j & 1
        counts[slot] = c


threads = [threading.Thread(target=count, args=(i,)) for i in range(n)]
for t in threads:
    t.start()
time.sleep(seconds)
stop = True
for t in threads:
    t.join()
total = sum(counts)
print(f"cpython threads={n} min/max={min(counts) / max(counts):.2f} "
      f"shares={' '.join(f'{c / total:.3f}' for c in counts)}")
