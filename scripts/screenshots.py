#!/usr/bin/env python3
"""Screenshots of every workbench and set-up page, as each demo account sees them.

Issue 11 asks that these pages be *looked at* on a phone (390x844) and a desktop
(1280x900), in Chinese, in English and in large-text mode, with JavaScript off.
This script signs in as each demo account (README), fetches the pages the way a
browser does (cookies, the _csrf of the sign-in and preference forms), saves each
page's HTML with a <base href> so the stylesheet loads from the server, and has
headless chromium photograph it with scripts forbidden (a script-src 'none' policy
in the saved copy; a page carrying any <script> or on* handler is a failure).

It also measures, at 390 px, whether anything is wider than the screen (a page
that scrolls sideways on a phone), by opening a copy of the page with a small
measuring script in a second chromium run; the pages themselves never run it.

Python 3 standard library and the `chromium` binary; talks to loopback only.

    SHEQU_DATA_DIR=/tmp/shots-data SHEQU_ADMIN_SECOND_FACTOR=enrolled .build/debug/shequ demo
    SHEQU_DATA_DIR=/tmp/shots-data SHEQU_ADMIN_SECOND_FACTOR=enrolled .build/debug/shequ serve --port 8123
    scripts/screenshots.py http://127.0.0.1:8123 /tmp/shots
    scripts/screenshots.py http://127.0.0.1:8123 /tmp/shots --roles resident.demo --modes zh --sizes 390x844

Files: <account>_<page>_<mode>_<W>x<H>.png (mode: zh, en, zh-large), the HTML
beside them, and index.txt listing every page with its status and any sideways
overflow found. Exit 1 when a sign-in fails or a page answers 5xx.
"""
import argparse
import concurrent.futures
import html
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "Shequ-demo-2026"
ACCOUNTS = [
    "resident.demo", "community.cuixiang", "station.cuixiang", "center.cuixiang", "center.meihua",
    "street.cuixiang", "street.meihua", "district.xiangzhou", "city.admin", "department.civil",
    "leading.office", "department.health", "leading.xiangzhou", "deliberation.demo", "supervision.demo", "lin.orgstaff",
    "party.zijing", "police.zijing", "anonymous",
]
# The workbench, then what a fresh install is set up with (issue 11), then the two first-day desks.
PAGES = [
    ("workbench", "/workbench"),
    ("catalogue", "/catalogue"),
    ("catalogue-item", ("catalogue", r"/catalogue/(?!new\b)[A-Z]{2,4}-\d{3}")),  # the first item the list links to
    ("catalogue-new", "/catalogue/new"),
    ("service-places", "/service-places"),
    ("service-place", ("service-places", r"/service-places/[0-9A-Fa-f-]{36}")),
    ("accounts", "/accounts"),
    ("account-detail", ("accounts", r"/accounts/[0-9A-Fa-f-]{36}")),
    ("accounts-new", "/accounts/new"),
    ("registrations", "/registrations"),
    ("account", "/account"),
    ("residents", "/residents"),
    ("walk-in", "/walk-in"),
    # Issue 12: the organisation its staff act for, a partner's workers and projects, the public linkage with Macao.
    ("organization", ("workbench", r"/social-organizations/[0-9A-Fa-f-]{36}(?=\")")),
    ("partner-workers", ("workbench", r"/social-organizations/[0-9A-Fa-f-]{36}/cross-border")),
    ("cross-border", "/cross-border"),
    # Issue 13: the party organisation, the workforce, the community police and the committee's office.
    ("community", "/communities/440402001001/governance"),
    ("party-building", "/party-building"),
    ("party-coverage", "/party-building/coverage"),
    ("three-in-one", "/party-building/three-in-one"),
    ("party-organization", ("workbench", r"/party-organizations/[0-9A-Fa-f-]{36}(?=\")")),
    ("party-members", ("workbench", r"/party-organizations/[0-9A-Fa-f-]{36}/members")),
    ("party-me", "/party-building/me"),
    ("workforce", "/workforce"),
    ("workforce-me", "/workforce/me"),
    ("workforce-rules", "/workforce/rules"),
    ("workload", "/workforce/workload"),
    ("police-officers", "/police-officers"),
    ("police-referrals", "/police/referrals"),
    ("office", "/communities/440402001001/office"),
]
# Before anyone signs in: where a fresh install starts, and where a resident asks for an account.
ANONYMOUS = "anonymous"
ANONYMOUS_PAGES = [("home", "/"), ("sign-in", "/sign-in"), ("register", "/register")]
MODES = {"zh": ("zh-Hans", "standard"), "en": ("en", "standard"), "zh-large": ("zh-Hans", "large")}
SIZES = ["390x844", "1280x900"]

# Chromium 156's headless mode writes no screenshot under --blink-settings=scriptEnabled=false, so the copy
# that is photographed forbids every script itself: what is seen is the page without JavaScript.
NO_SCRIPTS = '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'

# Runs only in the measuring copy: names what sticks out past the right edge.
MEASURE = """<script>
addEventListener('load', function () {
  // Headless chromium lays a --dump-dom window out at 500 px at least: the page is held to the phone's width instead.
  var w = PHONE_WIDTH, page = [], inner = [];
  document.documentElement.style.width = w + 'px';
  function name(e, right) {
    return e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' '
      + Math.round(right || e.getBoundingClientRect().right) + 'px: ' + (e.textContent || '').trim().slice(0, 40).replace(/\\s+/g, ' ');
  }
  // Boxes, and the text in them: an unbreakable word runs out of a box that itself fits.
  var boxes = [].slice.call(document.querySelectorAll('body *')).map(function (e) { return [e, e.getBoundingClientRect()]; });
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), t;
  while ((t = walker.nextNode())) {
    var range = document.createRange(); range.selectNodeContents(t);
    boxes.push([t.parentElement, range.getBoundingClientRect()]);
  }
  boxes.forEach(function (pair) {
    var e = pair[0], r = pair[1];
    if (r.width > 0 && r.right > w + 1) {
      var p = e.parentElement, scroller = null;
      for (; p; p = p.parentElement) { if (p.scrollWidth > p.clientWidth && getComputedStyle(p).overflowX != 'visible') { scroller = p; break; } }
      if (!scroller) { if (page.indexOf(name(e, r.right)) < 0) page.push(name(e, r.right)); }
      else if (inner.indexOf(name(scroller)) < 0) inner.push(name(scroller));
    }
  });
  var pre = document.createElement('pre'); pre.id = 'shots-measure';
  pre.textContent = (page.length ? 'wider than the screen: ' + page.slice(0, 6).join(' | ') + '\\n' : '')
                  + (inner.length ? 'scrolls sideways inside: ' + inner.slice(0, 4).join(' | ') : '');
  document.body.appendChild(pre);
});
</script>"""


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path, form=None):
        url = urllib.parse.urljoin(self.base + "/", path)
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, data=data), timeout=60) as r:
                return r.status, r.url, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.url or url, e.read().decode("utf-8", "replace")

    def csrf(self, body):
        found = re.search(r'name="_csrf"\s+value="([^"]+)"', body) or re.search(r'value="([^"]+)"\s+name="_csrf"', body)
        return html.unescape(found.group(1)) if found else ""

    def sign_in(self, username):
        _, _, body = self.open("/sign-in")
        status, url, body = self.open("/sign-in", {"_csrf": self.csrf(body), "username": username, "password": PASSWORD})
        path = urllib.parse.urlsplit(url).path
        return status < 400 and path not in ("/sign-in",), f"{status} {path}"

    def prefer(self, lang, size):
        """The header's own switch: a form POST to /preferences, which sets the cookies."""
        _, _, body = self.open("/workbench")
        status, _, _ = self.open("/preferences", {"_csrf": self.csrf(body), "lang": lang, "size": size, "back": "/workbench"})
        return status


def with_base(body, base, extra=""):
    return body.replace("<head>", f'<head><base href="{base}/">' + extra, 1)


def chromium(args, timeout=90):
    with tempfile.TemporaryDirectory(prefix="shots-profile-") as profile:
        command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--no-first-run", "--disable-extensions", "--allow-file-access-from-files",
                   f"--user-data-dir={profile}"] + args
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def shoot(html_path, png_path, size):
    w, h = size.split("x")
    result = chromium([f"--window-size={w},{h}", f"--screenshot={png_path}", "file://" + html_path])
    return os.path.exists(png_path), result.stderr[-300:]


def measure(html_path, width):
    result = chromium([f"--window-size={width},844", "--virtual-time-budget=3000", "--dump-dom", "file://" + html_path])
    found = re.search(r'<pre id="shots-measure">(.*?)</pre>', result.stdout, re.S)
    return html.unescape(found.group(1)).strip() if found else "not measured"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="server URL, e.g. http://127.0.0.1:8123 (loopback only)")
    parser.add_argument("out", help="output directory")
    parser.add_argument("--roles", nargs="*", default=ACCOUNTS)
    parser.add_argument("--pages", nargs="*", default=[p for p, _ in PAGES])
    parser.add_argument("--modes", nargs="*", default=list(MODES), choices=list(MODES))
    parser.add_argument("--sizes", nargs="*", default=SIZES)
    parser.add_argument("--jobs", type=int, default=2, help="chromium runs at once (the machine has two cores)")
    parser.add_argument("--no-measure", action="store_true", help="skip the sideways-overflow check at 390 px")
    args = parser.parse_args()

    host = urllib.parse.urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("only a server on loopback")
    if not shutil.which("chromium"):
        sys.exit("chromium is not installed")
    base = args.base.rstrip("/")
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)

    index, failures, work = [], [], []
    for role in args.roles:
        browser = Browser(base)
        ok, where = (True, "") if role == ANONYMOUS else browser.sign_in(role)
        if not ok:
            failures.append(f"{role}: sign-in failed ({where})")
            index.append(f"{role}\tsign-in\t{where}")
            continue
        for mode in args.modes:
            lang, size = MODES[mode]
            browser.prefer(lang, size)
            seen = {}  # page name -> its HTML, for the pages reached by a link on a list
            for name, path in (ANONYMOUS_PAGES if role == ANONYMOUS else PAGES):
                if name not in args.pages and role != ANONYMOUS:
                    continue
                if isinstance(path, tuple):
                    if path[0] not in seen:  # the list itself was not asked for: read it for its link all the same
                        status, _, body = browser.open(dict(PAGES)[path[0]])
                        seen[path[0]] = body if status == 200 else ""
                    found = re.search(f'href="({path[1]})"', seen.get(path[0], ""))
                    if not found:
                        continue
                    path = found.group(1)
                status, url, body = browser.open(path)
                if status == 200:
                    seen[name] = body
                line = f"{role}\t{name}\t{mode}\t{status}\t{urllib.parse.urlsplit(url).path}"
                if status >= 500:
                    failures.append(f"{role} {path} {mode}: {status}")
                if status != 200 or urllib.parse.urlsplit(url).path != urllib.parse.urlsplit(path).path:
                    index.append(line + "\tnot shot")
                    continue
                stem = os.path.join(out, f"{role}_{name}_{mode}")
                if re.search(r"<script|\son[a-z]+=", body, re.I):
                    failures.append(f"{role} {path} {mode}: the page carries a script or an on* handler")
                with open(stem + ".html", "w", encoding="utf-8") as f:
                    f.write(with_base(body, base, NO_SCRIPTS))
                if not args.no_measure:
                    with open(stem + ".measure.html", "w", encoding="utf-8") as f:
                        f.write(with_base(body, base, MEASURE.replace("PHONE_WIDTH", "390")))
                index.append(line)
                work.append((role, name, mode, stem))

    def run(item):
        role, name, mode, stem = item
        notes = []
        for size in args.sizes:
            ok, err = shoot(stem + ".html", f"{stem}_{size}.png", size)
            if not ok:
                notes.append(f"no screenshot at {size}: {err}")
        if not args.no_measure:
            over = measure(stem + ".measure.html", 390)
            if over:
                notes.append("at 390 px: " + over.replace("\n", " | "))
            os.remove(stem + ".measure.html")
        return item, notes

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for (role, name, mode, _), notes in pool.map(run, work):
            for note in notes:
                index.append(f"{role}\t{name}\t{mode}\tNOTE\t{note}")
            print(f"{role} {name} {mode}" + (" — " + "; ".join(notes) if notes else ""), flush=True)

    with open(os.path.join(out, "index.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(index) + "\n")
    print(f"{len(work)} pages, {len(work) * len(args.sizes)} screenshots in {out}; index.txt lists every page")
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
