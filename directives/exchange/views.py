"""The exchange's pages: a file an entry received through the hub came with, to whoever may read the entry
(``/lien-thong/van-ban-den/<entry>/tep/?tep=<file>``; without ``tep``: back to the entry's page), and «Gói tin
liên thông» (``/lien-thong/goi-tin/``), the packets of the units a clerk or unit administrator keeps: what was sent,
whether it arrived or why it failed, what came in and why a packet was refused."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from directives.exchange import access
from directives.exchange.models import PacketState
from directives.exchange.selectors import entry_packet_file, packets_of_units
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


@login_required
def packets(request):
    unit_ids = access.packet_unit_ids(request.user)
    direction = request.GET.get("huong", "")
    state = request.GET.get("tinh-trang", "")
    page = Paginator(packets_of_units(unit_ids, direction=direction, state=state), 50).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "exchange/packets.html",
        {"page": page, "direction": direction, "state": state, "states": PacketState.choices},
    )
