"""The load test's working day on a tiny national dataset: every role of the locust profile has accounts, on any
run date (the accounts come from the statuses the dataset stores for its fixed reference day), and each role's
act goes through as bench/locustfile.py does it (the form's CSRF token aside: the test client does not check it)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import load_accounts  # noqa: E402
import national  # noqa: E402

HCM = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def dataset(db, settings, tmp_path):
    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with time_machine.travel(national.REFERENCE_NOW, tick=False):
        return national.generate(scale=0.001, directives=2, reporting=2, vacuum=False, log=lambda *_: None)


@pytest.mark.parametrize(
    "today", [dt.datetime(2026, 12, 3, 9, tzinfo=HCM), dt.datetime(2028, 2, 29, 15, tzinfo=HCM)]
)
def test_every_role_has_accounts_and_its_act_goes_through(dataset, client, tmp_path, today):
    User = get_user_model()
    with time_machine.travel(today, tick=False):
        accounts = load_accounts.load_accounts(
            tmp_path / "accounts.json", dataset["year"], 4, 3, signers=2, clerks=2
        )
        for role in ("reporters", "signers", "leaders", "clerks"):
            assert accounts[role], role
            assert all(a["session"] for a in accounts[role])

        # A reporter hands an open obligation's report to the union's chair, whom the form offers.
        reporter = accounts["reporters"][0]
        client.force_login(User.objects.get(username=reporter["username"]))
        url = f"/bao-cao/nghia-vu/{reporter['obligations'][0]}/soan/"
        form = client.get(url)
        assert form.status_code == 200
        select = form.content.decode().split('name="leader"', 1)[1].split("</select>", 1)[0]
        assert f'value="{reporter["signer"]}"' in select
        fields = re.findall(r'name="((?:section|indicator)_\w+)"', form.content.decode())
        version = re.search(r'name="version" id="report-version" value="(\d+)"', form.content.decode()).group(
            1
        )
        data = {f: ("3" if f.startswith("indicator_") else "Đã quán triệt.") for f in fields}
        sent = client.post(
            url, {**data, "action": "trinh_ky", "leader": reporter["signer"], "version": version}
        )
        assert sent.status_code == 302 and "/soan/" not in sent["Location"]

        # A chair finds what the union's reporter handed over, and signs and sends it.
        signer = accounts["signers"][0]
        client.force_login(User.objects.get(username=signer["username"]))
        listing = client.get("/bao-cao/cho-ky/").content.decode()
        obligation = re.search(r'href="/bao-cao/nghia-vu/(\d+)/"', listing).group(1)
        done = client.post(f"/bao-cao/nghia-vu/{obligation}/ky-gui/", follow=True)
        assert "Đã ký và gửi báo cáo" in done.content.decode()

        # A leader's search; a clerk registers a delivery that waits.
        leader = accounts["leaders"][0]
        client.force_login(User.objects.get(username=leader["username"]))
        assert client.get("/van-ban/tim-kiem/", {"q": "thong tin doi ngoai"}).status_code == 200
        clerk = accounts["clerks"][0]
        client.force_login(User.objects.get(username=clerk["username"]))
        assert client.get("/van-ban-den/").status_code == 200
        waiting = client.get("/van-ban-den/cho-vao-so/").content.decode()
        action = re.search(r'action="(/van-ban-den/vao-so/\d+/)"', waiting).group(1)
        registered = client.post(action)
        assert registered.status_code == 302 and "/cho-vao-so/" not in registered["Location"]
