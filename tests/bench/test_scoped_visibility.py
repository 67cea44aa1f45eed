"""The scoped search's way to the documents (issue 19): documents_visible_to(user, many=True) starts from the
user's subtree (its units on the path index, their deliveries), the default from each document (EXISTS). Both must
give the same documents to every member of the cast, and nothing to an outsider."""

from __future__ import annotations

from directives.access import documents_visible_to
from directives.models import Document
from directives.services import signing
from tests.directives.test_issue import guidance
from tests.search.test_search import draft, external


def test_the_subtree_first_way_sees_what_the_per_document_way_sees(cast):
    issued = signing.document_issue(actor=cast.hanh, document=guidance(cast))  # BTGTU → LĐLĐ tỉnh and others
    own_draft = draft(cast.mai, cast.ldld, "Kế hoạch của LĐLĐ tỉnh chưa ban hành")
    recorded = external(cast, "12/KH-UBND", issued.issue_date)
    for user in (
        cast.lan,
        cast.hanh,
        cast.mai,
        cast.hung,
        cast.thu,
        cast.son,
        cast.binh,
        cast.tuan,
        cast.admin,
    ):
        many = set(documents_visible_to(user, many=True).values_list("pk", flat=True))
        assert many == set(documents_visible_to(user).values_list("pk", flat=True)), user.username
        assert recorded.pk in many  # an external record is everyone's
    assert issued in documents_visible_to(cast.hung, many=True)  # delivered into LĐLĐ tỉnh's subtree
    assert own_draft in documents_visible_to(cast.hung, many=True)  # issued inside it (a draft of its unit)
    assert own_draft not in documents_visible_to(cast.lan, many=True)  # another unit's draft


def test_an_outsider_sees_only_the_external_records(cast):
    signing.document_issue(actor=cast.hanh, document=guidance(cast))
    recorded = external(cast, "12/KH-UBND", None)
    seen = set(documents_visible_to(cast.charlie, many=True))
    assert recorded in seen and seen == set(Document.objects.filter(is_external=True))
