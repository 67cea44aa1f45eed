"""A file an entry received through the hub came with, to whoever may read the entry:
``/lien-thong/van-ban-den/<entry>/tep/?tep=<file>`` (without ``tep``: back to the entry's page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect

from directives.exchange.selectors import entry_packet_file
from directives.handling import access as handling_access


@login_required
def entry_file(request, entry_id: int):
    entry = handling_access.entry_for_user(request.user, entry_id)  # 404 as the entry page answers
    wanted = request.GET.get("tep", "")
    if not wanted:
        return redirect(entry)
    item = entry_packet_file(entry, wanted)
    if item is None:
        raise Http404("Không tìm thấy tệp.")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
