"""LibreOffice for the Word round trip (helper B, issue 17 item 6): one headless conversion per format a test
run needs, with a private profile, shared by the tests through session fixtures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def libreoffice_convert(paths: list[Path], fmt: str, outdir: Path, profile: Path) -> dict[str, Path]:
    """Convert ``paths`` with one ``soffice --headless --convert-to fmt`` run; name → converted file.

    ``fmt`` is "pdf" or a filter spec like "docx:MS Word 2007 XML". A private profile
    (-env:UserInstallation) keeps the run independent of any other LibreOffice on the machine."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        fmt,
        "--outdir",
        str(outdir),
        *map(str, paths),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    extension = fmt.split(":", 1)[0]
    out = {path.stem: outdir / f"{path.stem}.{extension}" for path in paths}
    missing = [name for name, path in out.items() if not path.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """A function converting files with LibreOffice in this session's private profile."""
    base = tmp_path_factory.mktemp("libreoffice")
    profile = base / "profile"

    def convert(paths: list[Path], fmt: str) -> dict[str, Path]:
        return libreoffice_convert(paths, fmt, base / fmt.split(":", 1)[0], profile)

    return convert
