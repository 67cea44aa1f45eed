"""The whole demo, put together on the top app floor: the organisation and its accounts
(portal/org/demo.py), the seed documents and their cascade (directives/demo/load.py), then the
reporting history behind the dashboards (reporting/demo/story.py), and LĐLĐ tỉnh Bắc Giang's incoming register
with its leader's instructions (directives/handling/demo.py).

Each floor builds only its own part and imports nothing above it; this module stands above all three
and calls them in order (`manage.py load_demo`, and the tests that need the demo as a person sees it).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from directives.demo.load import demo_documents_build
from directives.exchange.demo import demo_exchange_build
from directives.handling.demo import demo_incoming_build
from directives.models import Document
from portal.org.demo import demo_org_build
from reporting.demo.story import reporting_story


@transaction.atomic
def demo_build() -> tuple[int, dict[str, Document]]:
    """Load the demo into an empty database. Returns the number of units and the documents by seed key.

    Refuses nothing itself: run it on a database that has no demo yet (load_demo checks that first).
    """
    units = demo_org_build()
    docs = demo_documents_build()
    # The same actor the document loader registers external documents with: the demo's system administrator.
    admin = get_user_model().objects.filter(is_superuser=True).first()
    reporting_story(docs, actor=admin)
    # LĐLĐ tỉnh's incoming register: what arrived, the leader's instructions and how the tasks went.
    demo_incoming_build(docs)
    # A ministry's document arrives there through the national hub as an edXML packet (issue 18).
    demo_exchange_build()
    return units, docs
