"""Tail patterns: the signing authority, signature blocks and the recipients of "Nơi nhận"/"Kính gửi"."""

from __future__ import annotations

import re

from directives.importing.patterns.text import fold, is_upper_line, squash

#: Signing authority: Party "T/M", "K/T", "T/L" (slash, no dot); state "TM.", "KT.", "TL.", "TUQ.",
#: "Q." (dot). Spacing is normalised, the prefix style is kept as written.
AUTHORITY_RE = re.compile(
    r"^(?P<prefix>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TUQ|TM|KT|TL|Q)(?P<dot>\s*\.)?\s*(?P<rest>\S.*)$"
)


def parse_authority(line: str) -> str | None:
    """ "TM.BAN THƯỜNG VỤ" → "TM. BAN THƯỜNG VỤ"; "K/T  TRƯỞNG BAN" → "K/T TRƯỞNG BAN"; else None."""
    text = squash(line)
    match = AUTHORITY_RE.match(text)
    if not match or not is_upper_line(match.group("rest")):
        return None
    prefix = re.sub(r"\s+", "", match.group("prefix"))
    if prefix == "Q" and not match.group("dot"):
        return None  # "Q" alone is too common a letter to mean "Quyền" without its dot
    if "/" not in prefix and not match.group("dot") and text[len(match.group("prefix")) :][:1] != " ":
        return None  # "TMBAN…" is a word, not a prefix
    dot = "." if match.group("dot") else ""
    return f"{prefix}{dot} {match.group('rest')}"


#: Purpose marks after a recipient in "Nơi nhận"/"Kính gửi".
PURPOSE_MARKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\((?:để\s*)?(?:b\s*[/.]?\s*c|báo\s+cáo)\)", re.I), "bao_cao"),
    (re.compile(r"\((?:để\s*)?(?:t\s*[/.]?\s*h|thực\s+hiện)\)", re.I), "thuc_hien"),
    (re.compile(r"\((?:để\s*)?(?:p\s*[/.]?\s*h|phối\s+hợp)\)", re.I), "phoi_hop"),
    (re.compile(r"\((?:để\s*)?biết\)", re.I), "de_biet"),
)


def clean_recipient(text: str) -> str:
    """A recipient line as written, without its "- " bullet and trailing ";", "," or "."."""
    text = squash(text).lstrip("-–+• ").strip()
    text = re.sub(r"\s*[,;]\s*(?=\([^)]*\)\s*[,;.]?$)", " ", text)  # "Ban X, (b/c)" → "Ban X (b/c)"
    return re.sub(r"[\s;,.]+$", "", text).strip()


def recipient_purpose(cleaned: str) -> tuple[str, str | None]:
    """("Thường trực Tỉnh ủy", "bao_cao") from "Thường trực Tỉnh ủy (để b/c)"; "Lưu …" is "luu"."""
    purpose = None
    label = cleaned
    for pattern, value in PURPOSE_MARKS:
        if pattern.search(cleaned):
            purpose = value
            label = squash(pattern.sub(" ", cleaned)).rstrip(" ,;")
            break
    if purpose is None and fold(cleaned).startswith("LUU"):
        purpose = "luu"
    return label, purpose


def looks_like_name(line: str) -> bool:
    """ "Nguyễn Mạnh Hùng": 2–6 capitalised words, letters only (a signer's name carries no titles)."""
    words = line.split()
    return 2 <= len(words) <= 6 and all(
        w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha() for w in words
    )


def split_signature(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Authority ("TM. …", "K/T …") lines, then title lines, then the name (the last name-like line)."""
    if not lines:
        return None, None, None
    name_index = next(
        (
            i
            for i in range(len(lines) - 1, -1, -1)
            if looks_like_name(lines[i]) and not is_upper_line(lines[i])
        ),
        None,
    )
    if name_index is None and len(lines) > 1 and looks_like_name(lines[-1]):
        name_index = len(lines) - 1  # a name typed in capitals, after at least one title line
    block = lines[:name_index] if name_index is not None else lines
    authorities: list[str] = []
    for line in block:
        authority = parse_authority(line)
        if authority is None:
            break
        authorities.append(authority)
    title_lines = block[len(authorities) :]
    title = squash(" ".join(title_lines)) or None
    letters = [ch for ch in title or "" if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        title = (title or "").upper()  # "PHÓ Bí THƯ", "… Kiêm …": titles are upper case in every regime
    return " ".join(authorities) or None, title, lines[name_index] if name_index is not None else None
