"""HTTP load test of the national dataset: reporters read their inbox and submit reports, leaders open dashboards.

    BENCH_ACCOUNTS=accounts.json locust -f bench/locustfile.py --headless -u 50 -r 50 -t 60s --host http://127.0.0.1:8765

bench/run_all.py writes accounts.json from the loaded dataset: the password, reporters of grassroots
unions with the ids of their open obligations (each submitted once, through the real form with its CSRF
token), and leaders of provincial and upper-level federations with their dashboard pages. Every request
is named by its page type, so the CSV groups them: "inbox", "report form", "report submit",
"dashboard requirement", "dashboard directive". Each account comes with a logged-in session.
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
_reporters = list(ACCOUNTS["reporters"])  # one locust process: users take accounts in turn
random.Random(1).shuffle(_reporters)
_leaders = list(ACCOUNTS["leaders"])


def _login(user: HttpUser, account: dict) -> bool:
    """Take the account's logged-in session (run_all.py made one per account: logging in through the form
    would measure the PBKDF2 password check, not the pages)."""
    user.client.cookies.clear()
    user.client.cookies.set(ACCOUNTS["cookie"], account["session"])
    return True


class Reporter(HttpUser):
    """A grassroots union's reporter: the inbox, and the report form of an open obligation, submitted."""

    weight = 3
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.obligations: list[int] = []
        self._next_account()

    def _next_account(self) -> None:
        if not _reporters:
            return
        account = _reporters.pop()
        if _login(self, account):
            self.obligations = list(account["obligations"])

    @task(3)
    def inbox(self):
        self.client.get("/van-ban/den/", name="inbox")

    @task(1)
    def submit_report(self):
        if not self.obligations:
            self._next_account()
            if not self.obligations:
                return self.inbox()
        obligation = self.obligations.pop()
        url = f"/bao-cao/nghia-vu/{obligation}/soan/"
        form = self.client.get(url, name="report form")
        token = CSRF.search(form.text)
        if form.status_code != 200 or not token:
            return None
        # A reporter hands the report to the unit's leader for signature («Trình ký»): sending it up is the
        # leader's act (issue 17); the write is the same report row, checked as a submission is.
        leader = LEADER.search(form.text.split('name="leader"', 1)[-1])
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "action": "trinh_ky",
            "leader": leader.group(1) if leader else "",
        }
        for name in FIELD.findall(form.text):
            data[name] = (
                str(random.randint(1, 40))
                if name.startswith("indicator_")
                else "Đơn vị đã tổ chức quán triệt, tuyên truyền đến toàn thể đoàn viên."
            )
        with self.client.post(
            url,
            data=data,
            name="report submit",
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": f"{self.host}{url}"},
        ) as response:
            if response.status_code != 302 or "/soan/" in response.headers.get("Location", "/soan/"):
                response.failure(f"submit answered {response.status_code}")
        return None


class Leader(HttpUser):
    """A provincial or upper-level federation's leader: the compliance dashboards of their unit, and the inbox."""

    weight = 2
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.account = _leaders[random.randrange(len(_leaders))]
        _login(self, self.account)

    @task(2)
    def requirement_dashboard(self):
        self.client.get(self.account["requirement_url"], name="dashboard requirement")

    @task(2)
    def directive_dashboard(self):
        self.client.get(self.account["directive_url"], name="dashboard directive")

    @task(1)
    def inbox(self):
        self.client.get("/van-ban/den/", name="inbox")
