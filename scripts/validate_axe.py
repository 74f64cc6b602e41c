"""axe-core for scripts/validate-site (with --screenshots): one page of each kind (home, a later
home page, article, archive overview, year, month, day, tags index, tag, 404, and any other kind
the site has, such as a search page) is served with axe-core added, loaded in headless Chromium,
and every violation axe-core reports is a failure naming the page, the rule and the elements.
axe-core comes from npm (scripts/install-validators installs it globally; AXE_CORE_JS names
another copy). Chromium runs the page with --dump-dom, which prints the DOM once the page and
its scripts have settled; the added script writes axe-core's result into it.
"""

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

from validate_discovery import page_kind

AXE_RUN = """
<script src="/__axe__/axe.min.js"></script>
<script>
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  var out = document.createElement("pre");
  out.id = "__axe_result__";
  out.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); })};
  }));
  document.body.appendChild(out);
}, function (e) {
  var out = document.createElement("pre");
  out.id = "__axe_result__";
  out.textContent = "ERROR " + e;
  document.body.appendChild(out);
});
</script>
"""


def find_axe():
    """axe.min.js from the npm package (scripts/install-validators installs it), or None."""
    candidates = [os.environ.get("AXE_CORE_JS", "")]
    try:
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=30).stdout.strip()
        candidates.append(os.path.join(root, "axe-core", "axe.min.js"))
    except (OSError, subprocess.SubprocessError):
        pass
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates.append(os.path.join(here, "target", "node_modules", "axe-core", "axe.min.js"))
    return next((c for c in candidates if c and os.path.isfile(c)), None)


def axe_targets(pages, parsed):
    """One page of each kind: home, a later home page, article, archive overview, year, month,
    day, tags index, tag, 404, and any other kind of page the site has (search)."""
    kinds = {}
    for rel in pages:
        p = parsed[rel]
        if p.refresh is not None:
            continue  # a redirect page leaves at once
        if rel == "index.html":
            kind = "home"
        elif re.match(r"^page/\d+/index\.html$", rel):
            kind = "home-page-2"
        elif p.is_article:
            kind = "article"
        elif rel == "archive/index.html":
            kind = "archive"
        elif re.match(r"^\d{4}/index\.html$", rel):
            kind = "year"
        elif re.match(r"^\d{4}/\d{2}/index\.html$", rel):
            kind = "month"
        elif re.match(r"^\d{4}/\d{2}/\d{2}/index\.html$", rel):
            kind = "day"
        elif rel == "tags/index.html":
            kind = "tags"
        elif page_kind(rel) == "tag":
            kind = "tag"
        elif rel == "404.html":
            kind = "404"
        else:
            kind = rel.split("/", 1)[0]
        kinds.setdefault(kind, rel)
    return kinds


class AxeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site with axe-core added to every HTML page, run once the page has loaded."""

    axe_js = None

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/__axe__/axe.min.js":
            return self.send_bytes(open(self.axe_js, "rb").read(), "text/javascript")
        local = self.translate_path(path)
        if os.path.isdir(local):
            local = os.path.join(local, "index.html")
        if local.endswith(".html") and os.path.isfile(local):
            with open(local, "rb") as f:
                page = f.read().decode("utf-8", errors="replace")
            at = page.rfind("</body>")
            at = at if at >= 0 else len(page)
            page = page[:at] + AXE_RUN + page[at:]
            return self.send_bytes(page.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def send_bytes(self, body, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def check_axe(chromium, site, pages, parsed, report):
    """axe-core in headless Chromium on one page of each kind; every violation a failure."""
    axe_js = find_axe()
    if axe_js is None:
        report.fail("axe", site, "axe-core not found: run scripts/install-validators (npm install -g axe-core)")
        return
    handler = type("Handler", (AxeHandler,), {"axe_js": axe_js})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        run_axe(chromium, f"http://127.0.0.1:{server.server_address[1]}/", pages, parsed, report)
    finally:
        server.shutdown()
        server.server_close()


def page_url(rel):
    return "" if rel == "index.html" else rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def axe_page(chromium, url):
    """axe-core's violations on the page at `url`, or a message saying why there are none."""
    profile = tempfile.mkdtemp(prefix="validate-site-axe-")
    try:
        proc = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-quic", f"--user-data-dir={profile}", "--virtual-time-budget=20000",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired:
        return "chromium timed out"
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    m = re.search(r'<pre id="__axe_result__">(.*?)</pre>', proc.stdout, re.S)
    if not m:
        return f"axe-core did not report (exit {proc.returncode}): {proc.stderr.strip()[-400:]}"
    text = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    if text.startswith("ERROR"):
        return f"axe-core failed: {text}"
    return json.loads(text)


def run_axe(chromium, origin, pages, parsed, report):
    targets = sorted(axe_targets(pages, parsed).items())
    # A few browsers at a time: each page waits mostly on its own browser's start.
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda t: axe_page(chromium, origin + page_url(t[1])), targets))
    for (kind, rel), result in zip(targets, results):
        if isinstance(result, str):
            report.fail("axe", rel, result)
            continue
        for v in result:
            report.fail("axe", rel, f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['nodes'])}")
        print(f"  axe: {kind} {rel}: {len(result)} violation(s)")
