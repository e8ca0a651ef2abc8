#!/usr/bin/env python3
"""Load HTML reports in headless Chromium, as a person would open them, and say how it went.

    scripts/check-report.py [--screenshot PNG] [--height PX] REPORT.html...

For each report: the load time (navigation start to the end of the load event, from the page's own
Navigation Timing), the number of elements, the page's height, and every console message or
uncaught error (there should be none: the report has no script). With --screenshot, a PNG of the
top of the (last) report, 1400 pixels wide, --height high (default 1600), for the README.

Not part of CI: it needs Chromium (Debian: `apt-get install -y chromium`). It talks to the browser
over the DevTools protocol on a pipe (--remote-debugging-pipe), so it needs nothing but Python's
standard library, opens no port, and the browser fetches nothing but the local file. Exit 1 when
a report logged an error or took longer than --max-ms (default 1000).
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe (fd 3 to the browser, fd 4 from it)."""

    def __init__(self, exe, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"]

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=fds, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_browser, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read()
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(method + ": " + json.dumps(m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def wait_for(self, method, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, m in enumerate(self.events):
                if m.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self.read())
        raise RuntimeError("no " + method + " within " + str(timeout) + " s")

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def check(browser, path, screenshot, height):
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.send(domain + ".enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 1400, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
    browser.events.clear()
    browser.send("Page.navigate", {"url": "file://" + os.path.abspath(path)}, session=session)
    browser.wait_for("Page.loadEventFired")
    expr = ("JSON.stringify({load: performance.getEntriesByType('navigation')[0].loadEventEnd,"
            " elements: document.getElementsByTagName('*').length,"
            " height: document.documentElement.scrollHeight})")
    facts = json.loads(browser.send("Runtime.evaluate", {"expression": expr, "returnByValue": True},
                                    session=session)["result"]["value"])
    problems = []
    for m in browser.events:
        method = m.get("method")
        if method == "Runtime.consoleAPICalled":
            problems.append("console." + m["params"]["type"] + ": " + " ".join(
                str(a.get("value", a.get("description", ""))) for a in m["params"]["args"]))
        elif method == "Runtime.exceptionThrown":
            problems.append("error: " + m["params"]["exceptionDetails"].get("text", ""))
        elif method == "Log.entryAdded" and m["params"]["entry"]["level"] in ("error", "warning"):
            problems.append("log " + m["params"]["entry"]["level"] + ": " + m["params"]["entry"]["text"])
    if screenshot:
        png = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(png))
    browser.send("Target.closeTarget", {"targetId": target})
    return facts, problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("reports", nargs="+")
    p.add_argument("--screenshot")
    p.add_argument("--height", type=int, default=1600)
    p.add_argument("--max-ms", type=float, default=1000)
    a = p.parse_args()
    exe = next((shutil.which(c) for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None)
    if not exe:
        sys.exit("check-report: Chromium is not installed; install it with:\n"
                 "  apt-get update && apt-get install -y chromium")
    failed = False
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(exe, profile)
        try:
            for i, path in enumerate(a.reports):
                shot = a.screenshot if a.screenshot and i == len(a.reports) - 1 else None
                facts, problems = check(browser, path, shot, a.height)
                size = os.path.getsize(path)
                print("%s: %s bytes, %s elements, %s px high, loaded in %.0f ms, %d console problems"
                      % (path, format(size, ","), format(facts["elements"], ","), format(facts["height"], ","),
                         facts["load"], len(problems)))
                for line in problems:
                    print("  " + line)
                failed |= bool(problems) or facts["load"] > a.max_ms
                if shot:
                    print("wrote " + shot)
        finally:
            browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
