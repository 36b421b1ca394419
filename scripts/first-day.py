#!/usr/bin/env python3
"""The README's "first day", done the way a person with a browser does it.

Starts `shequ serve` on a fresh data directory (no `shequ demo`), then only GETs
pages and POSTs the forms they carry (with each form's _csrf), following links
found on pages wherever one exists. Each step checks what a person would see.
Exit 0 with a summary; any failure exits 1 naming the step, the URL, the status
and an excerpt of the page.

Python 3 standard library only; talks to 127.0.0.1 and nothing else.

    scripts/first-day.py            # uses .build/debug/shequ, or $SHEQU_BIN
    scripts/first-day.py --keep     # leave the data directory for a look afterwards
"""
import base64
import hashlib
import hmac
import html
import html.parser
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib

ADMIN_PASSWORD = "First-Day-Admin-2026"
# Every new account is given this by the administrator and changes it at first sign-in.
INITIAL_PASSWORD = "Temporary-Pass-2026"
STREET = "440402001"  # 翠香街道
COMMUNITY = "440402001001"  # 紫荆社区
DISTRICT = "440402"  # 香洲区


class StepFailed(Exception):
    def __init__(self, step, page, why):
        super().__init__(why)
        self.step, self.page, self.why = step, page, why


# ---------------------------------------------------------------- identity numbers

def resident_id(area, birth, sequence):
    """GB 11643: 17 digits, then the ISO 7064 MOD 11-2 check character."""
    body = f"{area}{birth}{sequence:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def totp(secret_base32, at=None):
    """RFC 6238 with the defaults authenticator apps use: SHA-1, 30 s, 6 digits."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    step = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


# ---------------------------------------------------------------- a browser without JavaScript

class Form:
    def __init__(self, attrs):
        self.action = attrs.get("action") or ""
        self.method = (attrs.get("method") or "get").lower()
        self.enctype = attrs.get("enctype") or ""
        self.fields = []  # (tag, attrs, options)

    def names(self):
        return [a.get("name") for _, a, _ in self.fields if a.get("name")]

    def field(self, name):
        for tag, attrs, options in self.fields:
            if attrs.get("name") == name:
                return tag, attrs, options
        return None

    def defaults(self):
        """What the browser sends untouched: hidden and prefilled inputs, checked boxes, selected options."""
        values = []
        for tag, attrs, options in self.fields:
            name = attrs.get("name")
            if not name or "disabled" in attrs:
                continue
            kind = (attrs.get("type") or "text").lower()
            if tag == "input" and kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    values.append((name, attrs.get("value", "on")))
            elif tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
                values.append((name, attrs.get("value", "")))
            elif tag == "select":
                chosen = [v for v, a, _ in options if "selected" in a] or [v for v, _, _ in options[:1]]
                if chosen and "multiple" not in attrs:
                    values.append((name, chosen[0]))
            elif tag == "textarea":
                values.append((name, attrs.get("_text", "")))
        return values


class Page:
    def __init__(self, url, status, body):
        self.url, self.status, self.body = url, status, body
        parser = _PageParser()
        parser.feed(body)
        self.forms, self.links = parser.forms, parser.links
        main = body.split('id="main"', 1)[-1]
        self.text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main))).strip()

    @property
    def path(self):
        return urllib.parse.urlsplit(self.url).path

    def excerpt(self, n=600):
        return self.text[:n]

    def form(self, action=None, having=()):
        for f in self.forms:
            if f.method != "post":
                continue
            if action is not None and not re.fullmatch(action, f.action):
                continue
            if all(f.field(n) for n in having):
                return f
        return None

    def link(self, href=None, text=None):
        for h, t in self.links:
            if href is not None and not re.fullmatch(href, h or ""):
                continue
            if text is not None and text not in t:
                continue
            return h
        return None


class _PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links = [], []
        self._form = self._select = self._option = self._textarea = self._link = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a)
            self.forms.append(self._form)
        elif tag == "a":
            self._link = [a.get("href", ""), ""]
            self.links.append(self._link)
        elif self._form is None:
            return
        elif tag in ("input", "button"):
            self._form.fields.append((tag, a, []))
        elif tag == "select":
            self._select = (tag, a, [])
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), a, ""]
            self._select[2].append(self._option)
        elif tag == "textarea":
            a["_text"] = ""
            self._textarea = a
            self._form.fields.append((tag, a, []))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data.strip()
        if self._option is not None:
            self._option[2] += data.strip()
            if self._option[0] is None:
                self._option[0] = self._option[2]
        if self._textarea is not None:
            self._textarea["_text"] += data


class Browser:
    def __init__(self, base, who):
        self.base, self.who = base, who
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.page = None

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as r:
                page = Page(r.url, r.status, r.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as e:
            page = Page(e.url or request.full_url, e.code, e.read().decode("utf-8", "replace"))
        self.page = page
        return page

    def get(self, path):
        url = urllib.parse.urljoin(self.page.url if self.page else self.base + "/", path)
        return self._open(urllib.request.Request(url))

    def follow(self, step, href=None, text=None):
        """Click a link on the page in view; failing when there is none is the finding."""
        target = self.page.link(href=href, text=text)
        if target is None:
            raise StepFailed(step, self.page, f"{self.who}: no link {href or ''} {text or ''} on the page")
        return self.get(target)

    def submit(self, step, form, values=(), files=()):
        """Send a form as the browser would: its own hidden fields and defaults, then what the person types."""
        if form is None:
            raise StepFailed(step, self.page, f"{self.who}: the form is not on the page")
        typed = dict(values)
        sent = [(n, v) for n, v in form.defaults() if n not in typed]
        for name, value in typed.items():
            if isinstance(value, (list, tuple)):
                sent.extend((name, v) for v in value)
            else:
                sent.append((name, value))
        url = urllib.parse.urljoin(self.page.url, form.action or self.page.url)
        if form.method == "get":
            return self._open(urllib.request.Request(url.split("?", 1)[0] + "?" + urllib.parse.urlencode(sent)))
        if files or "multipart" in form.enctype:
            boundary = uuid.uuid4().hex
            body = b""
            for n, v in sent:
                body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n{v}\r\n').encode()
            for n, (filename, content_type, content) in files:
                body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"; filename="{filename}"\r\n'
                         f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            request = urllib.request.Request(url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        else:
            request = urllib.request.Request(url, data=urllib.parse.urlencode(sent).encode(),
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        return self._open(request)


def expect(step, page, condition, why):
    if not condition:
        raise StepFailed(step, page, why)


def expect_ok(step, page, *texts):
    expect(step, page, 200 <= page.status < 300, f"status {page.status}")
    for t in texts:
        expect(step, page, t in page.text, f"expected to see {t!r}")


def describe(page):
    """For a failure: what the page offered, so the missing piece can be named."""
    lines = [f"  links: {', '.join(sorted({h for h, _ in page.links if h and h.startswith('/')}))}"]
    for f in page.forms:
        if f.action != "/preferences":
            lines.append(f"  form {f.method} {f.action}: {', '.join(n for n in f.names() if n != '_csrf')}")
    return "\n".join(lines)


# ---------------------------------------------------------------- the server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, data_dir, port, log):
    env = dict(os.environ, SHEQU_DATA_DIR=data_dir, SHEQU_ADMIN_PASSWORD=ADMIN_PASSWORD,
               SHEQU_ADMIN_SECOND_FACTOR="required")
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"first-day: the server stopped at start (exit {process.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("first-day: the server did not answer within two minutes")


# ---------------------------------------------------------------- the steps

def to_workbench(browser, step):
    """The way back from any page: the site's name in the header, then 进入我的工作台."""
    browser.follow(step, href="/")
    page = browser.follow(step, href="/workbench")
    expect_ok(step, page, "工作台")
    return page


def sign_in(browser, step, username, password):
    browser.get("/")
    browser.follow(step, href="/sign-in")
    form = browser.page.form(r"/sign-in", having=("username", "password"))
    return browser.submit(step, form, {"username": username, "password": password})


def enrol_second_factor(browser, step):
    """The page shows a secret; the person types it into an authenticator app and sends back its code."""
    page = browser.page
    expect(step, page, page.path == "/sign-in/enrol", f"a fresh administrator is sent to enrol a second factor, not {page.path}")
    page = browser.submit(step, page.form(r"/sign-in/enrol/start"))
    uri = page.link(href=r"otpauth://.*")
    expect(step, page, uri is not None, "the enrolment page shows an otpauth link")
    secret = urllib.parse.parse_qs(urllib.parse.urlsplit(uri).query)["secret"][0]
    page = browser.submit(step, page.form(r"/sign-in/enrol", having=("code",)), {"code": totp(secret)})
    expect(step, page, 200 <= page.status < 300, f"the code is accepted (status {page.status})")
    return secret


def choose(step, page, form, name, label):
    """Pick a select option by the words a person reads, not by its value."""
    found = form.field(name) if form else None
    if found is None:
        raise StepFailed(step, page, f"no field {name} on the form")
    for exact in (True, False):
        for value, _, text in found[2]:
            if (text == label) if exact else (label in text):
                return value
    raise StepFailed(step, page, f"no option {label!r} in {name}")


def tiny_png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xff\xff\xff" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def first_sign_in(base, step, who, username):
    """A new account signs in with the password it was given and must choose its own before anything else."""
    browser = Browser(base, who)
    page = sign_in(browser, step, username, INITIAL_PASSWORD)
    expect(step, page, page.path == "/sign-in/password", f"{username} is first asked to change the password, not sent to {page.path}")
    own = f"{who.title().replace(' ', '')}-Own-2026"
    page = browser.submit(step, page.form(r"/sign-in/password"), {"newPassword": own, "confirmPassword": own})
    expect(step, page, page.path == "/workbench", f"after the change {username} lands on the workbench, not {page.path}")
    expect_ok(step, page, "工作台")
    return browser


STAFF = [
    # username, display name, role as the page names it, scope
    ("district.xiangzhou", "香洲区 李明", "区级干部", DISTRICT),
    ("street.cuixiang", "翠香街道 王芳", "街道干部", STREET),
    ("center.cuixiang", "翠香中心 陈静", "政务服务中心工作人员", STREET),
    ("station.zijing", "紫荆服务站 黄磊", "公共服务站工作人员", COMMUNITY),
    ("community.zijing", "紫荆社区 周丽", "社区工作人员", COMMUNITY),
]


def step_1_administrator(base, summary):
    step = "1 administrator: sign in, enrol the second factor, create the staff accounts"
    admin = Browser(base, "administrator")
    sign_in(admin, step, "admin", ADMIN_PASSWORD)
    enrol_second_factor(admin, step)
    page = admin.page
    expect(step, page, "恢复码" in page.text, "the recovery codes are shown once")
    page = admin.follow(step, href="/workbench")
    expect(step, page, page.path == "/workbench", f"with the second factor set the administrator is asked nothing else, but is sent to {page.path}")
    expect_ok(step, page, "市级管理员")
    for username, name, role_label, scope in STAFF:
        to_workbench(admin, step)
        admin.follow(step, href="/accounts")
        page = admin.follow(step, href="/accounts/new")
        form = page.form(r"/accounts", having=("username", "password", "role", "scope"))
        role = choose(step, page, form, "role", role_label)
        page = admin.submit(step, form, {"username": username, "password": INITIAL_PASSWORD,
                                         "displayName": name, "role": role, "scope": scope})
        expect_ok(step, page, username, "账号已创建", f"{role_label}", scope, "下次登录时须修改")
    page = admin.follow(step, href="/accounts")
    for username, *_ in STAFF:
        expect(step, page, username in page.text, f"{username} is listed on the accounts page")
    summary.append(f"administrator enrolled TOTP and created {len(STAFF)} staff accounts")
    browsers = {}
    for username, *_ in STAFF:
        browsers[username] = first_sign_in(base, "1 " + username + ": first sign-in changes the password",
                                           username.split(".")[0], username)
    summary.append("every new account changed its password at first sign-in and reached its workbench")
    return admin, browsers


CENTRE = "翠香街道政务服务中心"
STATION = "紫荆社区公共服务站"
GENERAL_WINDOW = "综合窗口"
NAMED_WINDOW = "社会救助窗口"


def place_form(page, kind):
    for form in page.forms:
        if form.action == "/service-places" and ("kind", kind) in form.defaults():
            return form
    return None


def step_2_street(street, summary):
    step = "2 street official: the centre, a station, two windows and opening hours on /service-places"
    to_workbench(street, step)
    page = street.follow(step, href="/service-places")
    expect_ok(step, page, "还没有服务中心或服务站")  # a fresh install: nothing from the demo
    page = street.submit(step, place_form(page, "center"), {
        "divisionCode": STREET, "name": CENTRE, "address": "珠海市香洲区翠香路1号"})
    expect_ok(step, page, CENTRE, "辖区内每个街道（社区）都已设立")  # one centre per street
    expect(step, page, place_form(page, "center") is None, "a second centre for the street is not offered")
    form = place_form(page, "station")
    reasons = form.field("qualificationReasons[]") if form else None
    page = street.submit(step, form, {
        "divisionCode": COMMUNITY, "name": STATION, "address": "珠海市香洲区紫荆路8号",
        "population": "12000", "areaKm2": "1.8", "qualificationReasons[]": ["population"],
        "qualification": "常住人口1.2万人，人口规模达到设站条件"})
    expect(step, page, reasons is not None, "the station form asks which condition the community meets")
    expect_ok(step, page, CENTRE, STATION)
    page = street.follow(step, text=STATION)
    expect_ok(step, page, STATION, "紫荆社区", "人口规模达到设站条件")
    page = street.follow(step, href="/service-places")

    page = street.follow(step, text=CENTRE)
    place = page.path
    hours = {day: "08:30-12:00, 14:30-17:30" for day in ("mon", "tue", "wed", "thu", "fri")}
    hours.update(sat="09:00-12:00", note="周六上午错时服务")
    page = street.submit(step, page.form(re.escape(place) + "/hours"), hours)
    expect_ok(step, page, "周一 08:30–12:00, 14:30–17:30", "周六 09:00–12:00")

    form = page.form(re.escape(place) + "/windows")
    page = street.submit(step, form, {"number": "1", "name": GENERAL_WINDOW,
                                      "isGeneral": choose(step, page, form, "isGeneral", "综合窗口")})
    expect_ok(step, page, "1 " + GENERAL_WINDOW + " 综合窗口（受理所有事项）")
    form = page.form(re.escape(place) + "/windows")
    page = street.submit(step, form, {"number": "2", "name": NAMED_WINDOW,
                                      "isGeneral": choose(step, page, form, "isGeneral", "只受理"),
                                      "itemCodes[]": ["MZ-001", "MZ-003", "MZ-006"]})
    expect_ok(step, page, "2 " + NAMED_WINDOW + " MZ-001 最低生活保障申请; MZ-003 临时救助申请; MZ-006")
    summary.append(f"street official set up {CENTRE} (hours, windows {GENERAL_WINDOW} and {NAMED_WINDOW}) and {STATION}")


RESIDENT = "刘建国"
RESIDENT_ID = resident_id("440402", "19650412", 123)  # born 1965: old enough for the 老年人优待证
ITEM = "老年人优待证办理"


def step_3_resident(community, summary):
    step = "3 community staff: register a resident of 紫荆社区 on the residents page"
    to_workbench(community, step)
    page = community.follow(step, href="/residents")
    page = community.follow(step, href="/residents/new")
    form = page.form(r"/residents", having=("name", "idNumber"))
    page = community.submit(step, form, {
        "divisionCode": COMMUNITY, "name": RESIDENT, "idNumber": RESIDENT_ID, "phone": "13800138000",
        "residency": choose(step, page, form, "residency", "户籍人口")})
    expect_ok(step, page, RESIDENT, "已保存", COMMUNITY)
    page = community.follow(step, href="/residents")
    search = next((f for f in page.forms if f.method == "get" and f.action == "/residents" and f.field("q")), None)
    page = community.submit(step, search, {"q": RESIDENT_ID})
    expect_ok(step, page, RESIDENT, COMMUNITY)
    summary.append(f"community staff registered {RESIDENT} ({RESIDENT_ID[:6]}…) in 紫荆社区")


SELF_REGISTERED = "陈小梅"
SELF_REGISTERED_ID = resident_id("440402", "19900815", 246)
SELF_REGISTERED_USER = "chen.xiaomei"
SELF_REGISTERED_PASSWORD = "Xiaomei-Own-2026"


def step_3b_self_registration(base, community, summary):
    step = "3b resident: registers on /register, not on file, so the residents' committee confirms"
    resident = Browser(base, "resident")
    resident.get("/")
    page = resident.follow(step, href="/register")
    form = page.form(r"/register", having=("idNumber", "username"))
    page = resident.submit(step, form, {
        "name": SELF_REGISTERED, "idNumber": SELF_REGISTERED_ID, "phone": "13900139000",
        "community": choose(step, page, form, "community", "紫荆社区"),
        "username": SELF_REGISTERED_USER, "password": SELF_REGISTERED_PASSWORD})
    expect_ok(step, page, "申请编号")
    # No text message reaches a person who is not on file: they hand the request to the committee.
    page = resident.submit(step, page.form(r"/register/committee"))
    expect_ok(step, page, "等待居委会核实")

    to_workbench(community, step)
    expect_ok(step, community.page, "待核实的注册申请 1")
    page = community.follow(step, href="/registrations")
    expect_ok(step, page, SELF_REGISTERED, SELF_REGISTERED_USER)
    form = page.form(r"/registrations/[^/]+/confirm")
    page = community.submit(step, form, {"residency": choose(step, page, form, "residency", "流动人口")})
    expect_ok(step, page, "已开通账号")
    page = community.follow(step, href=r"/registrations\?state=created")
    expect_ok(step, page, SELF_REGISTERED, SELF_REGISTERED_USER)

    page = sign_in(resident, step, SELF_REGISTERED_USER, SELF_REGISTERED_PASSWORD)
    expect(step, page, page.path == "/workbench", f"the resident lands on the workbench, not {page.path}")
    expect_ok(step, page, "居民 · " + COMMUNITY, "我的办件")
    summary.append(f"{SELF_REGISTERED} registered on /register, the committee confirmed, and she signed in to her workbench")


def step_4_application(center, summary):
    step = "4 centre staff: the first application, for a walk-in resident found by ID number, with materials"
    to_workbench(center, step)
    page = center.follow(step, href="/walk-in")
    form = page.form(r"/walk-in", having=("residentIDNumber", "itemCode"))
    page = center.submit(step, form, {
        "residentIDNumber": RESIDENT_ID, "itemCode": choose(step, page, form, "itemCode", ITEM),
        "channel": choose(step, page, form, "channel", "窗口"), "details": "居民到综合窗口办理老年人优待证"})
    expect_ok(step, page, ITEM, "已提交")
    expect(step, page, page.path.startswith("/applications/"), f"the new application's page is shown, not {page.path}")
    tracking = page.path.rsplit("/", 1)[-1]

    uploads = [f for f in page.forms if "/materials/" in f.action and f.field("file")]
    expect(step, page, len(uploads) >= 2, "the application page offers an upload for each material")
    files = [("id-card.pdf", "application/pdf", TINY_PDF), ("photo.png", "image/png", tiny_png())]
    for index, (name, kind, content) in enumerate(files):
        form = [f for f in page.forms if "/materials/" in f.action and f.field("file")][index]
        page = center.submit(step, form, files=[("file", (name, kind, content))])
        expect_ok(step, page, name)

    form = page.form(r".*/steps", having=("step",))
    received = [a["value"] for _, a, _ in (form.fields if form else []) if a.get("name") == "materialIDs[]"]
    page = center.submit(step, form, {"step": choose(step, page, form, "step", "受理"), "materialIDs[]": received})
    expect_ok(step, page, "已受理", "办结期限", "id-card.pdf", "photo.png")

    page = to_workbench(center, step)
    expect_ok(step, page, "即将到期 1")
    page = center.follow(step, href=r"/applications\?due=soon")
    expect_ok(step, page, tracking, ITEM)
    summary.append(f"centre staff submitted and accepted {tracking} ({ITEM}) with 2 materials; it is on the due-soon list")
    return tracking


def step_5_others_see_it(district, station, tracking, summary):
    step = "5 district official and station staff: what was set up shows on their own pages"
    to_workbench(district, step)
    page = district.follow(step, href="/service-places")
    expect_ok(step, page, CENTRE, STATION)
    to_workbench(station, step)
    page = station.page
    expect_ok(step, page, "今日排队等候 · " + STATION, "即将到期 1")
    page = station.follow(step, href=r"/applications\?due=soon")
    expect_ok(step, page, tracking)
    summary.append(f"the district official sees both places; the station staff's workbench shows {STATION}'s queue and {tracking}")


# ---------------------------------------------------------------- the run

def main():
    keep = "--keep" in sys.argv[1:]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.environ.get("SHEQU_BIN") or os.path.join(root, ".build", "debug", "shequ")
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"first-day: no server binary at {binary}; run `swift build` or set SHEQU_BIN")
    data_dir = tempfile.mkdtemp(prefix="shequ-first-day-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.time()
    summary = []
    with open(os.path.join(data_dir, "server.log"), "w") as log:
        server = start_server(binary, data_dir, port, log)
        try:
            summary.append(f"fresh install in {data_dir} answered on {base} after {time.time() - started:.0f} s (no demo data)")
            _, staff = step_1_administrator(base, summary)
            step_2_street(staff["street.cuixiang"], summary)
            step_3_resident(staff["community.zijing"], summary)
            step_3b_self_registration(base, staff["community.zijing"], summary)
            tracking = step_4_application(staff["center.cuixiang"], summary)
            step_5_others_see_it(staff["district.xiangzhou"], staff["station.zijing"], tracking, summary)
        except StepFailed as failure:
            page = failure.page
            print(f"FIRST DAY FAILED at step {failure.step}", file=sys.stderr)
            print(f"  why: {failure.why}", file=sys.stderr)
            if page is not None:
                print(f"  url: {page.url}\n  status: {page.status}\n  page: {page.excerpt()}", file=sys.stderr)
                print(describe(page), file=sys.stderr)
            print(f"  server log: {log.name}", file=sys.stderr)
            keep = True
            return 1
        except (urllib.error.URLError, OSError) as error:
            print(f"FIRST DAY FAILED: the server stopped answering ({error}); server log: {log.name}", file=sys.stderr)
            keep = True
            return 1
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            if not keep:
                shutil.rmtree(data_dir, ignore_errors=True)
    print("First day done, on pages only:")
    for line in summary:
        print(f"  - {line}")
    print(f"  ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
