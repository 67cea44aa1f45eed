"""The tail of an official document: "Nơi nhận" with its list (Lưu lines included) and the signature block."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from directives.content import Addressee, Authority, Signature, authority_of
from directives.importing import patterns as p

if TYPE_CHECKING:
    from directives.importing.parser import ParsedDocument


# --- tail: Nơi nhận and signature -------------------------------------------------------------


def find_tail_start(lines: list[str]) -> int:
    """Where "Nơi nhận" or the signature block begins, searching only after the closing "./."."""
    closing = max((i for i, line in enumerate(lines) if p.CLOSING_RE.search(line.strip())), default=-1)
    # Without a closing mark (or with one typed inside the distribution list) fall back to the
    # last lines of the document, where the tail always is.
    for search_from in (closing + 1 if closing >= 0 else len(lines), max(0, len(lines) - 60)):
        for index in range(search_from, len(lines)):
            line = p.squash(lines[index])
            if p.NOI_NHAN_RE.match(line) or p.parse_authority(line):
                return index
    return closing + 1 if closing >= 0 else len(lines)


def parse_tail(lines: list[str], doc: ParsedDocument) -> None:
    """Split the tail into the "Nơi nhận" list and the signature lines, in either order."""
    signature: list[str] = []
    index = 0
    while index < len(lines):
        line = p.squash(lines[index])
        index += 1
        if not line:
            continue
        if match := p.NOI_NHAN_RE.match(line):
            items, index = _noi_nhan_items(match.group("rest"), lines, index)
            for item in items:
                if cleaned := p.clean_recipient(item):
                    doc.recipients.append(cleaned)
                    doc.noi_nhan.append(Addressee(*p.recipient_purpose(cleaned)))
            continue
        if not p.SIGNED_MARK_RE.match(line) and not p.RULE_LINE_RE.match(line):
            signature.append(line)
    authority, title, name = p.split_signature(signature)
    mark, authority_body = split_authority(authority or "")
    doc.signer = Signature(
        authority=mark,
        authority_body=authority_body,
        title=title or "",
        name=name or "",
        authority_as_written=authority or "",
    )


def split_authority(text: str) -> tuple[Authority, str]:
    """ "TM. BAN THƯỜNG VỤ" → ("TM", "BAN THƯỜNG VỤ"); "K/T TRƯỞNG BAN" → ("KT", "TRƯỞNG BAN")."""
    match = re.match(
        r"^\s*(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TUQ|TM|KT|TL|Q)\s*\.?\s+(.*)$", text or ""
    )
    if not match:
        return "", ""
    code = re.sub(r"[\s/]", "", match.group(1))
    return authority_of(code), match.group(2).strip()


def _noi_nhan_items(first: str, lines: list[str], index: int) -> tuple[list[str], int]:
    items = [first] if first.strip() else []
    blank = False
    while index < len(lines):
        line = p.squash(lines[index])
        if not line:
            blank = True
            index += 1
            continue
        open_item = bool(items) and not items[-1].endswith((";", ".", ","))
        if line.startswith(("-", "–", "+", "•")):
            items.append(line)
        elif open_item and not blank and not p.is_upper_line(line) and not p.parse_authority(line):
            items[-1] = f"{items[-1]} {line}"
        else:
            break
        blank = False
        index += 1
    return items, index
