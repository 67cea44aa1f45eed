"""News from the floor below (directives' signals) that this app acts on."""

from directives.handling.services.directive_tasks import assignments_create_for_document
from directives.services.signing import document_issued

# --- Helper C: the items of an issued directive's «Tổ chức thực hiện» become tracked tasks -------------------------


def tasks_on_document_issued(sender, *, document, actor, **kwargs) -> None:
    """One task per (item, assigned unit that received it), in the issuing transaction."""
    assignments_create_for_document(document=document, actor=actor)


document_issued.connect(tasks_on_document_issued, dispatch_uid="handling.tasks_on_document_issued")
