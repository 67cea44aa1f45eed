"""News from the floor below (directives' signals) that this app acts on."""

from directives.handling.services.directive_tasks import assignments_create_for_document
from directives.handling.services.recall import document_recall_apply
from directives.services import signing
from directives.services.signing import document_issued

# --- Helper C: the items of an issued directive's «Tổ chức thực hiện» become tracked tasks -------------------------


def tasks_on_document_issued(sender, *, document, actor, **kwargs) -> None:
    """One task per (item, assigned unit that received it), in the issuing transaction."""
    assignments_create_for_document(document=document, actor=actor)


document_issued.connect(tasks_on_document_issued, dispatch_uid="handling.tasks_on_document_issued")


# --- Helper E: a recalled document's register entries and tasks (reporting excuses its obligations itself) -------


def recall_on_document_revoked(sender, *, document, actor, reason="", **kwargs) -> None:
    """Entries of the document «Đã bị thu hồi», its open tasks cancelled, in the recalling transaction."""
    document_recall_apply(document=document, actor=actor, reason=reason)


signing.document_revoked.connect(
    recall_on_document_revoked, dispatch_uid="handling.recall_on_document_revoked"
)
