#!/usr/bin/env python3
"""CPython side of scripts/cpython-compare.sh (stdlib only, local servers only).

  measure --json FILE [--n 50000000] [--requests 10] [--latency 0.1] [--convoy-seconds 2]
      the seed experiment (countdown; HTTP requests; 1 thread, 2 threads, multiprocessing Pool(2))
      and the convoy (16-byte TCP round trips alone, then beside a spinning thread, at switch
      intervals 1 ms and 5 ms), as JSON.
  table --cpython FILE --seed FILE --convoy1 FILE --convoy5 FILE
      the ratios of CPython and gil4j side by side (gil4j files from gil-demos.jar seed/convoy --json).

The numbers server and the echo server run in their own processes, so they never compete with the
measured threads for this interpreter's GIL: they stand for remote servers.
"""
import argparse
import http.server
import json
import multiprocessing
import platform
import signal
import socket
import statistics
import socketserver
import sys
import threading
import time
import urllib.request

MESSAGE = b"abcdefghijklmnop"  # 16 bytes


def countdown(n):
    while n > 0:
        n -= 1
    return n


class NumbersHandler(http.server.BaseHTTPRequestHandler):
    latency = 0.1
    disable_nagle_algorithm = True

    def do_GET(self):
        time.sleep(self.latency)
        i = int(self.path.split("i=", 1)[1]) if "i=" in self.path else 0
        body = f"{i * 7919 + 17}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve_numbers(latency, port_queue):
    NumbersHandler.latency = latency
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NumbersHandler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            data = self.request.recv(4096)
            if not data:
                return
            self.request.sendall(data)


def serve_echo(port_queue):
    socketserver.ThreadingTCPServer.daemon_threads = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), EchoHandler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def start_server(target, *args):
    """A server in its own process (own GIL); returns (process, port)."""
    ports = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=args + (ports,), daemon=True)
    process.start()
    return process, ports.get(timeout=30)


def fetch_range(job):
    base, start, count = job
    total = 0
    for i in range(start, start + count):
        with urllib.request.urlopen(f"{base}/number?i={i}", timeout=30) as response:
            total += int(response.read())
    return total


def in_threads(target, jobs):
    # daemon threads: an interrupted run exits at once instead of waiting for them
    threads = [threading.Thread(target=target, args=(job,), daemon=True) for job in jobs]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def timed(fn, *args):
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def seed(n, requests, latency):
    server, port = start_server(serve_numbers, latency)
    base = f"http://127.0.0.1:{port}"
    half, half_requests = n // 2, requests // 2
    try:
        # like the Java side, the pool is created (and warmed) before its timed map
        with multiprocessing.Pool(2) as pool:
            pool.map(countdown, [0, 0])
            fetch_range((base, 0, 1))
            pool.map(fetch_range, [(base, 0, 1)] * 2)
            cpu = {"single": timed(countdown, n),
                   "threads2": in_threads(countdown, [half, n - half]),
                   "processes2": timed(pool.map, countdown, [half, n - half])}
            log(f"CPU: {cpu}")
            jobs = [(base, 0, half_requests), (base, half_requests, requests - half_requests)]
            io = {"single": timed(fetch_range, (base, 0, requests)),
                  "threads2": in_threads(fetch_range, jobs),
                  "processes2": timed(pool.map, fetch_range, jobs)}
            log(f"I/O: {io}")
    finally:
        server.terminate()
    return {"n": n, "requests": requests, "latencyMs": latency * 1000, "cpu": cpu, "io": io}


def round_trips(sock, seconds, windows=None):
    """Round trips for `seconds`; with `windows`, also counts those begun in each 100 ms window."""
    buffer = bytearray(len(MESSAGE))
    start = time.perf_counter()
    count, deadline = 0, start + seconds
    while (now := time.perf_counter()) < deadline:
        if windows is not None:
            windows[min(int((now - start) * 10), len(windows) - 1)] += 1
        sock.sendall(MESSAGE)
        got = 0
        while got < len(MESSAGE):
            got += sock.recv_into(memoryview(buffer)[got:])
        count += 1
    return count


def convoy(interval, seconds):
    sys.setswitchinterval(interval)
    server, port = start_server(serve_echo)
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            round_trips(sock, 0.2)
            result = {}
            for phase in ("alone", "beside"):
                stop = threading.Event()
                spinner = threading.Thread(target=spin, args=(stop,), daemon=True) if phase == "beside" else None
                if spinner:
                    spinner.start()
                count = [0]
                windows = [0] * max(1, int(seconds * 10)) if phase == "beside" else None
                io = threading.Thread(target=lambda: count.__setitem__(0, round_trips(sock, seconds, windows)), daemon=True)
                io.start()
                io.join()
                stop.set()
                if spinner:
                    spinner.join()
                result[phase] = count[0] / seconds
                if windows is not None:
                    result["windows"] = windows
    finally:
        server.terminate()
        sys.setswitchinterval(0.005)
    slowdown = result["alone"] / result["beside"] if result["beside"] else None
    steady = statistics.median(result["windows"]) * 10
    log(f"convoy at {interval * 1000:g} ms: {result['alone']:,.0f}/s alone, {result['beside']:,.0f}/s beside"
        f" (median of 100 ms windows {steady:,.0f}/s; windows {' '.join(map(str, result['windows']))})")
    return {"interval": f"{interval * 1000:g}ms", "seconds": seconds, "aloneRoundTripsPerSecond": result["alone"],
            "besideRoundTripsPerSecond": result["beside"], "besideWindowMedianPerSecond": steady,
            "besideWindows": result["windows"], "slowdown": slowdown}


def spin(stop):
    n = 0
    while not stop.is_set():
        n += 1


def log(message):
    print(f"cpython: {message}", file=sys.stderr, flush=True)


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(value, suffix=""):
    return "-" if value is None else f"{value:.2f}{suffix}"


def table(args):
    def load(path):
        with open(path) as f:
            return json.load(f)

    py, seed_j, c1, c5 = load(args.cpython), load(args.seed), load(args.convoy1), load(args.convoy5)
    pys = py["seed"]
    rows = [
        ("CPU 2 threads / 1 thread", ratio(pys["cpu"]["threads2"], pys["cpu"]["single"]),
         ratio(seed_j["cpu"]["threads2"], seed_j["cpu"]["single"]), "0.99 / 1.07"),
        ("I/O 2 threads / 1 thread", ratio(pys["io"]["threads2"], pys["io"]["single"]),
         ratio(seed_j["io"]["threads2"], seed_j["io"]["single"]), "0.50"),
        ("CPU 2 processes / 1 thread", ratio(pys["cpu"]["processes2"], pys["cpu"]["single"]),
         ratio(seed_j["cpu"]["processes2"], seed_j["cpu"]["single"]), "0.47 / 0.79"),
        ("I/O 2 processes / 1 thread", ratio(pys["io"]["processes2"], pys["io"]["single"]),
         ratio(seed_j["io"]["processes2"], seed_j["io"]["single"]), "0.50"),
    ]
    convoys = [("convoy slowdown at 1 ms", py["convoy1ms"], c1, "13.8x (12,974 -> 939/s)"),
               ("convoy slowdown at 5 ms", py["convoy5ms"], c5, "80.6x (12,974 -> 161/s)")]
    header = ("ratio", f"CPython {py['python']}", f"gil4j ({seed_j['label']})", "CPython 3.11 ref (docs/design.md 8)")
    lines = [header]
    lines += [(name, fmt(p), fmt(g), ref) for name, p, g, ref in rows]
    lines += [(name, fmt(p.get("slowdown"), "x"), fmt(g.get("slowdown"), "x"), ref) for name, p, g, ref in convoys]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = []
    for k, line in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[i]) if i in (0, 3) else cell.rjust(widths[i])
                             for i, cell in enumerate(line)).rstrip())
        if k == 0:
            out.append("-" * len(out[0]))
    out.append("")
    out.append(f"seconds, CPython (countdown {pys['n']:,}):  CPU {secs(pys['cpu'])}  I/O {secs(pys['io'])}")
    out.append(f"seconds, gil4j   (countdown {int(seed_j['n']):,}): CPU {secs(seed_j['cpu'])}  I/O {secs(seed_j['io'])}")
    out.append("  (single / 2 threads / 2 processes)")
    for name, p, g, _ in convoys:
        out.append(f"{name}: CPython {p['aloneRoundTripsPerSecond']:,.0f} -> {p['besideRoundTripsPerSecond']:,.0f}/s,"
                   f" gil4j {g['aloneRoundTripsPerSecond']:,.0f} -> {g['besideRoundTripsPerSecond']:,.0f}/s")
    # The median 100 ms window leaves out the bursts that decide a short phase's mean (docs/design.md section 7).
    # CPython's echo server is a process of its own; gil4j's runs in the measured JVM unless --convoy*-peer.
    variants = [("echo in the JVM", c1, c5)]
    if args.convoy1_peer and args.convoy5_peer:
        variants.insert(0, ("echo process, as CPython's", load(args.convoy1_peer), load(args.convoy5_peer)))
    # compilerThreads=idle: the JIT's compiler threads do not delay the CPU thread's wake-ups (section 7).
    if args.convoy1_idle and args.convoy5_idle:
        variants.append(("echo process, compilerThreads=idle", load(args.convoy1_idle), load(args.convoy5_idle)))
    out.append("")
    out.append("convoy beside a CPU thread, round trips/s: mean of the phase | median 100 ms window; gil4j/CPython")
    for variant, g1, g5 in variants:
        for interval, p, g in (("1 ms", py["convoy1ms"], g1), ("5 ms", py["convoy5ms"], g5)):
            pm, gm = p["besideRoundTripsPerSecond"], g["besideRoundTripsPerSecond"]
            ps, gs = p.get("besideWindowMedianPerSecond"), g.get("besideWindowMedianPerSecond")
            line = (f"  {interval}, gil4j {variant}: mean CPython {pm:,.0f} gil4j {gm:,.0f} ({fmt(ratio(gm, pm))})")
            if ps is not None and gs is not None:
                line += f" | median CPython {ps:,.0f} gil4j {gs:,.0f} ({fmt(ratio(gs, ps))})"
            out.append(line)
    print("\n".join(out))


def secs(row):
    return " / ".join(fmt(row.get(k)) for k in ("single", "threads2", "processes2"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    m = commands.add_parser("measure", help="run the seed experiment and the convoy in this CPython")
    m.add_argument("--json", required=True)
    m.add_argument("--n", type=int, default=50_000_000)
    m.add_argument("--requests", type=int, default=10)
    m.add_argument("--latency", type=float, default=0.1, help="seconds")
    m.add_argument("--convoy-seconds", type=float, default=2.0)
    t = commands.add_parser("table", help="print CPython and gil4j ratios side by side")
    for name in ("--cpython", "--seed", "--convoy1", "--convoy5"):
        t.add_argument(name, required=True)
    t.add_argument("--convoy1-peer", help="gil4j's convoy at 1 ms against an echo server in a JVM of its own")
    t.add_argument("--convoy5-peer", help="the same at 5 ms")
    t.add_argument("--convoy1-idle", help="gil4j's convoy at 1 ms, echo process, agent option compilerThreads=idle")
    t.add_argument("--convoy5-idle", help="the same at 5 ms")
    args = parser.parse_args()
    # SIGTERM (the shell script's cleanup) must unwind like Ctrl-C: `finally` blocks stop the
    # server processes and multiprocessing's exit handler stops the pool, leaving no orphans
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.command == "table":
        table(args)
        return
    result = {"python": platform.python_version(), "seed": seed(args.n, args.requests, args.latency),
              "convoy1ms": convoy(0.001, args.convoy_seconds), "convoy5ms": convoy(0.005, args.convoy_seconds)}
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
