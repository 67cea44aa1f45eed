"""Entries registered from a hub packet before IncomingEntry.via_hub existed are marked as such (the register
showed them as paper documents)."""

from django.db import migrations


def mark(apps, schema_editor):
    Packet = apps.get_model("exchange", "Packet")
    IncomingEntry = apps.get_model("handling", "IncomingEntry")
    entry_ids = Packet.objects.filter(direction="in", kind="document", entry__isnull=False).values("entry_id")
    IncomingEntry.objects.filter(pk__in=entry_ids).update(via_hub=True)


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0002_d_packet_files"),
        ("handling", "0002_entry_via_hub"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
