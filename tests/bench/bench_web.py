#!/usr/bin/python3
"""bench_web.py BIN OUT [PRESSES] - web Next pressed in headless Chromium
-> the SDL antri-display's frame presented (its --trace "present"
lines), p50/p99 over PRESSES presses (default 50).  The press time is the
browser's own clock at the click (performance.timeOrigin + now()), the
present time the display's wall clock; both are this machine's clock.
Also commit -> present (the trace's latency_ms).  Figures only."""
import os
import sys
import time

sys.dont_write_bytecode = True            # nothing written into the tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "helpers"))
import web_browser as w                     # noqa: E402 (argv: BIN OUT)


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def main():
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    w.setup()
    for _ in range(n + 2):
        w.antri("issue", "A")
    trace = w.start_display(voice=False)
    srv = w.Server(w.DB, w.free_port(), os.path.join(w.OUT, "bench.log"))
    open(srv.log, "w").close()
    if not srv.start():
        print("antri-serve did not start")
        return
    base = "http://127.0.0.1:%d" % srv.port
    d = w.browser()
    w.login(d, base, "siti", "clerk-pass-1", "/counter")
    w.pick_counter(d, 1)
    press, commit = [], []
    for i in range(n):
        label = "A%03d" % (i + 1)       # A001 first: all are waiting
        t = d.execute_script(
            "const t = performance.timeOrigin + performance.now();"
            "document.querySelector('button[data-act=next]').click();"
            "return t;")
        line = w.until(lambda: [ln for ln in open(trace).read().splitlines()
                                if ln.startswith("present %s 1 " % label)],
                       10, 0.005)
        if not line:
            print("no present for %s" % label)
            continue
        f = dict(x.split("=") for x in line[0].split()[3:])
        press.append(int(f["present_ms"]) - t)
        commit.append(int(f["latency_ms"]))
        w.until(lambda: not d.find_element(w.By.CSS_SELECTOR,
                "button[data-act=next]").get_attribute("disabled"), 5, 0.005)
        time.sleep(0.05)
    if press:
        print("web Next in Chromium -> SDL display frame presented, %d "
              "presses: p50 %.0f ms, p99 %.0f ms (target p99 <= 50 ms)" %
              (len(press), pct(press, 50), pct(press, 99)))
        print("  of which commit -> present: p50 %d ms, p99 %d ms" %
              (pct(commit, 50), pct(commit, 99)))


if __name__ == "__main__":
    try:
        main()
    finally:
        for d in w.drivers:
            d.quit()
        for p in reversed(w.procs):
            p.terminate()
            p.wait(5)
