#!/usr/bin/env python3
"""CPython side of benchmarks/convoy-race.sh (stdlib only).

  echo                          an echo server on 127.0.0.1 (port printed on stdout), until killed
  race PORT SECONDS INTERVAL_MS the round trip beside a spinning thread, each send and recv timed with
                                the GIL's wait in it; prints the same line as ConvoyRace:
                                race INTERVAL_MS 0 ROUND_TRIPS_PER_S SENDS_WAITED RECVS_WAITED N FAST_RECV_US
                                (the last: the median recv that did not wait, in microseconds; -1: none)
"""
import os
import socket
import socketserver
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from cpython_gil import MESSAGE, EchoHandler  # noqa: E402  the convoy's own message and echo handler


def echo():
    socketserver.ThreadingTCPServer.daemon_threads = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), EchoHandler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def read_fully(sock, buffer):
    got = 0
    while got < len(buffer):
        r = sock.recv_into(memoryview(buffer)[got:])
        if r == 0:
            raise ConnectionError("the echo server closed the connection")
        got += r


def race(port, seconds, interval_ms):
    sys.setswitchinterval(interval_ms / 1000)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = bytearray(len(MESSAGE))
        warm = time.perf_counter() + 0.2
        while time.perf_counter() < warm:
            sock.sendall(MESSAGE)
            read_fully(sock, buffer)
        stop = threading.Event()

        def spin():
            n = 0
            while not stop.is_set():
                n += 1

        spinner = threading.Thread(target=spin, daemon=True)
        spinner.start()
        writes, reads = [], []

        def io():
            clock = time.perf_counter_ns
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                t0 = clock()
                sock.sendall(MESSAGE)
                t1 = clock()
                read_fully(sock, buffer)
                t2 = clock()
                writes.append(t1 - t0)
                reads.append(t2 - t1)

        worker = threading.Thread(target=io)
        worker.start()
        worker.join()
        stop.set()
        spinner.join()
    limit = interval_ms * 1e6 / 2
    n = len(writes)
    fast = sorted(t for t in reads if t <= limit)
    fast_us = fast[(len(fast) - 1) // 2] / 1000 if fast else -1
    print(f"race {interval_ms:g} 0 {n / seconds:.0f} {sum(t > limit for t in writes)} {sum(t > limit for t in reads)} {n}"
          f" {fast_us:.0f}")


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "echo":
        echo()
    elif len(sys.argv) == 5 and sys.argv[1] == "race":
        race(int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
