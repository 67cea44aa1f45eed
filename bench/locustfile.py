"""HTTP load test of the national dataset: a working day's roles on their own pages.

    BENCH_ACCOUNTS=accounts.json locust -f bench/locustfile.py --headless -u 50 -r 50 -t 60s --host http://127.0.0.1:8765

bench/load_accounts.load_accounts writes accounts.json from the loaded dataset, each account with a logged-in session:
reporters of grassroots unions on phones (a mobile browser's User-Agent) reading the inbox and preparing the report
of an open obligation, handed to the unit's chair («Trình ký»); chairs of grassroots unions signing and sending what
was handed to them («Báo cáo chờ ký», «Ký và gửi», no PIN: the dataset holds no signing credential); leaders of
provincial and upper-level federations on their requirement and directive dashboards and the document search (a
number-symbol prefix, a phrase typed without diacritics); clerks of those federations on the incoming register,
registering a delivery that waits («Vào sổ»); issuing desks of upper-level unions, where the leader signs a plan
handed to them («Ký số», PIN) and the clerk seals it («Đóng dấu», PIN), which numbers it and sends it to the union's
grassroots unions. Every form is posted with its CSRF token. Every request is named by
its page type, so the CSV groups them.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ["BENCH_ACCOUNTS"]).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELD = re.compile(r'name="((?:section|indicator)_\w+)"')
# «Trình ký»'s choice of the leader (issue 17: a reporter prepares the report, its unit's leader signs and sends).
LEADER = re.compile(r'<option value="(\d+)"')
# The revision the form was loaded at: a hand-over names it, as a save does (an older one is refused as stale).
VERSION = re.compile(r'name="version" id="report-version" value="(\d+)"')
_reporters = list(ACCOUNTS["reporters"])  # one locust process: users take accounts in turn
random.Random(1).shuffle(_reporters)
_signers = list(ACCOUNTS.get("signers", []))
_clerks = list(ACCOUNTS.get("clerks", []))
_leaders = list(ACCOUNTS["leaders"])
PHONE = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
}
SIGN_LINK = re.compile(r'href="/bao-cao/nghia-vu/(\d+)/"')
REGISTER_ACTION = re.compile(r'action="(/van-ban-den/vao-so/\d+/)"')
# A person's pause between two actions (reading the page, typing the form), in seconds: BENCH_THINK="5,15" unless
# set. With 0.5–1.5 s every simulated user clicked about once a second, and 50 of them asked a two-core machine
# for more pages than it renders (2026-12-03: throughput flat from 10 users on, p95 up 6×): that measured a
# queue, not a working day.
THINK = between(*(float(x) for x in os.environ.get("BENCH_THINK", "5,15").split(",")))
_desks = list(ACCOUNTS.get("issuers", []))
# The demo PKI's PIN: the issuing desks' PKCS#12 keys (load_accounts.issuing_desks) are unlocked with it.
PIN = "123456"
# The leader's searches, as bench_search's: a number-symbol prefix, and phrases typed without diacritics.
SEARCHES = ["10-HD", "1/KH-", "thong tin doi ngoai", "tuyen truyen bien dao", "chuyen doi so cong doan"]


def _arrive(user: HttpUser) -> None:
    """A person's first action comes after a pause of their own, not at the instant every simulated user is
    spawned: without it the first seconds measured a stampede of the whole crowd at once."""
    user.wait()


def _login(user: HttpUser, account: dict) -> bool:
    """Take the account's logged-in session (run_all.py made one per account: logging in through the form
    would measure the PBKDF2 password check, not the pages)."""
    user.client.cookies.clear()
    user.client.cookies.set(ACCOUNTS["cookie"], account["session"])
    return True


def _post(user: HttpUser, url: str, data: dict, name: str, ok, headers: dict | None = None) -> None:
    """A form posted as the browser does (its CSRF token, the page as Referer); `ok(location)` says whether the
    redirect is the act done (a refusal redirects back with a message, and counts as a failure)."""
    with user.client.post(
        url,
        data=data,
        name=name,
        allow_redirects=False,
        catch_response=True,
        headers={**(headers or {}), "Referer": f"{user.host}{url}"},
    ) as response:
        if response.status_code != 302 or not ok(response.headers.get("Location", "")):
            response.failure(
                f"{name} answered {response.status_code} → {response.headers.get('Location', '')}"
            )


class Reporter(HttpUser):
    """A grassroots union's reporter on a phone: the inbox, and the report of an open obligation prepared through
    its form and handed to the unit's chair («Trình ký»)."""

    weight = 5
    wait_time = THINK

    def on_start(self):
        self.obligations: list[int] = []
        self.signer = ""
        self._next_account()
        _arrive(self)

    def _next_account(self) -> None:
        if not _reporters:
            return
        account = _reporters.pop()
        _login(self, account)
        self.obligations = list(account["obligations"])
        self.signer = str(account.get("signer", ""))

    @task(3)
    def inbox(self):
        self.client.get("/van-ban/den/", name="inbox", headers=PHONE)

    @task(1)
    def submit_report(self):
        if not self.obligations:
            self._next_account()
            if not self.obligations:
                return self.inbox()
        obligation = self.obligations.pop()
        url = f"/bao-cao/nghia-vu/{obligation}/soan/"
        form = self.client.get(url, name="report form", headers=PHONE)
        token = CSRF.search(form.text)
        if form.status_code != 200 or not token:
            return None
        choices = LEADER.findall(form.text.split('name="leader"', 1)[-1].split("</select>", 1)[0])
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "action": "trinh_ky",
            "version": version.group(1) if (version := VERSION.search(form.text)) else "0",
            "leader": self.signer if self.signer in choices else (choices[0] if choices else ""),
        }
        for name in FIELD.findall(form.text):
            data[name] = (
                str(random.randint(1, 40))
                if name.startswith("indicator_")
                else "Đơn vị đã tổ chức quán triệt, tuyên truyền đến toàn thể đoàn viên."
            )
        _post(self, url, data, "report hand over", lambda loc: "/soan/" not in loc, PHONE)
        return None


class Signer(HttpUser):
    """A grassroots union's chair: «Báo cáo chờ ký», a report read on its page and signed and sent («Ký và
    gửi»)."""

    weight = 1
    wait_time = THINK

    def on_start(self):
        self._next_account()
        _arrive(self)

    def _next_account(self) -> bool:
        if not _signers:
            return False
        _login(self, _signers.pop())
        return True

    @task
    def sign(self):
        listing = self.client.get("/bao-cao/cho-ky/", name="awaiting signature")
        found = SIGN_LINK.findall(listing.text) if listing.status_code == 200 else []
        if not found:
            self._next_account()  # everything of this union signed: the next chair
            return
        url = f"/bao-cao/nghia-vu/{found[0]}/"
        page = self.client.get(url, name="report page")
        token = CSRF.search(page.text)
        if page.status_code != 200 or not token:
            return
        # A refusal redirects to the same page as the act done: the page's message tells them apart.
        with self.client.post(
            f"{url}ky-gui/",
            data={"csrfmiddlewaretoken": token.group(1)},
            name="report sign and send",
            catch_response=True,
            headers={"Referer": f"{self.host}{url}"},
        ) as response:
            if response.status_code != 200 or "Đã ký và gửi báo cáo" not in response.text:
                response.failure(f"sign and send answered {response.status_code} without the sent message")


class Leader(HttpUser):
    """A provincial or upper-level federation's leader: the compliance dashboards of their unit, the document
    search, and the inbox."""

    weight = 3
    wait_time = THINK

    def on_start(self):
        self.account = _leaders[random.randrange(len(_leaders))]
        _login(self, self.account)
        _arrive(self)

    @task(2)
    def requirement_dashboard(self):
        self.client.get(self.account["requirement_url"], name="dashboard requirement")

    @task(2)
    def directive_dashboard(self):
        self.client.get(self.account["directive_url"], name="dashboard directive")

    @task(2)
    def search(self):
        self.client.get("/van-ban/tim-kiem/", params={"q": random.choice(SEARCHES)}, name="search")

    @task(1)
    def inbox(self):
        self.client.get("/van-ban/den/", name="inbox")


class Clerk(HttpUser):
    """A provincial or upper-level federation's clerk (văn thư): the incoming register, and a delivery waiting to
    be registered, registered («Vào sổ»)."""

    weight = 1
    wait_time = THINK

    def on_start(self):
        self.account = _clerks.pop() if _clerks else None
        if self.account:
            _login(self, self.account)
        _arrive(self)

    @task(1)
    def incoming_register(self):
        if self.account:
            self.client.get("/van-ban-den/", name="incoming register")

    @task(2)
    def register_delivery(self):
        if not self.account:
            return
        page = self.client.get("/van-ban-den/cho-vao-so/", name="awaiting registration")
        token = CSRF.search(page.text)
        action = REGISTER_ACTION.search(page.text)
        if page.status_code != 200 or not token or not action:
            return
        _post(
            self,
            action.group(1),
            {"csrfmiddlewaretoken": token.group(1)},
            "register delivery",
            lambda loc: "/cho-vao-so/" not in loc and "/van-ban/den/" not in loc,
        )


class IssuingDesk(HttpUser):
    """An upper-level union issuing a plan: its leader signs what was handed to them («Ký số», with the key's
    PIN), then — a pause later — its clerk finds it on «Văn bản chờ đóng dấu» and seals it («Đóng dấu»), which
    numbers the plan and sends it to the union's grassroots unions. Two people of one unit, one desk here."""

    weight = 1
    wait_time = THINK

    def on_start(self):
        self.desk = _desks.pop() if _desks else None
        self.drafts = list(self.desk["drafts"]) if self.desk else []
        self.signed = False
        _arrive(self)

    def _as(self, who: str) -> None:
        _login(self, {"session": self.desk[f"{who}_session"]})

    def _pin_form(self, url: str, name: str, what: str):
        page = self.client.get(url, name=f"{name} page")
        token = CSRF.search(page.text)
        if page.status_code != 200 or not token:
            return False
        _post(
            self,
            url,
            {"csrfmiddlewaretoken": token.group(1), "pin": PIN},
            name,
            lambda loc: loc.rstrip("/").endswith(what),
        )
        return True

    @task
    def issue(self):
        if not self.desk:
            return
        if not self.signed:
            if not self.drafts:
                return
            self._as("signer")
            self.document = self.drafts.pop()
            self.signed = self._pin_form(
                f"/van-ban/{self.document}/ky-so/", "document sign", f"/van-ban/{self.document}"
            )
            return
        self._as("clerk")
        desk = self.client.get("/van-ban/cho-dong-dau/", name="awaiting seal")
        if f'href="/van-ban/{self.document}/"' in desk.text:
            self._pin_form(
                f"/van-ban/{self.document}/dong-dau/", "document seal", f"/van-ban/{self.document}"
            )
        self.signed = False
