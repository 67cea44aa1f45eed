"""Optimistic locking: every save coming from a form or the API names the version its editor was loaded at,
and a save that names none, or an older one, is refused instead of overwriting a newer save.

``IN_PROCESS`` is for the flows that create or lock the row themselves in the same transaction and so cannot
be behind (deriving a plan, drafting a chase letter, an import, the demo): they omit the argument. A request
path always passes what the request carried — None when it carried nothing, which is refused.
"""

from __future__ import annotations


class _InProcess:
    def __repr__(self) -> str:
        return "IN_PROCESS"


IN_PROCESS = _InProcess()

# What a save names as the version it was loaded at: a number, None (the request carried none: refused) or
# IN_PROCESS. The services' signatures say so, so a caller passing something else is caught before it runs.
ExpectedVersion = int | None | _InProcess

MISSING_MESSAGE = (
    "Thiếu số phiên bản của bản nháp, nên chưa lưu: không biết bạn đang sửa bản nào, và không được "
    "ghi đè một bản lưu mới hơn. Hãy tải lại trang rồi sửa tiếp."
)
STALE_MESSAGE = "Bản nháp đã được sửa ở nơi khác. Hãy tải lại trang để xem bản mới nhất."


def version_refusal(expected: ExpectedVersion, current: int) -> str | None:
    """The Vietnamese refusal when ``expected`` (the version a save names) does not allow the save, else None."""
    if expected is IN_PROCESS:
        return None
    if expected is None:
        return MISSING_MESSAGE
    return None if expected == current else STALE_MESSAGE
