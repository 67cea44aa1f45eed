"""Each department code a unit already used in its công văn symbols becomes a Department row with its usual name."""

from django.db import migrations

# The usual names of the codes found in the units' symbols; an unknown code keeps the code as its name, for the
# unit's administrator to correct.
NAMES = {
    "TG&NC": "Ban Tuyên giáo - Nữ công",
    "TG": "Ban Tuyên giáo",
    "NC": "Ban Nữ công",
    "TC": "Ban Tổ chức",
    "CSPL": "Ban Chính sách - Pháp luật",
    "VP": "Văn phòng",
    "UBKT": "Ủy ban Kiểm tra",
    "KT": "Ủy ban Kiểm tra",
    "TCKT": "Ban Tài chính",
}


def forwards(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    Department = apps.get_model("org", "Department")
    rows = []
    for unit in Unit.objects.exclude(departments=[]).only("id", "departments").iterator():
        for order, code in enumerate(unit.departments or []):
            if code:
                rows.append(Department(unit_id=unit.id, code=code, name=NAMES.get(code, code), order=order))
    Department.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("org", "0003_department")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
