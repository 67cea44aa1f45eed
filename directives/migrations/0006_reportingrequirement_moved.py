"""ReportingRequirement moves from reporting to directives (issue 14: a directive's reporting requirements
are part of the document they are authored and printed in, and directives must not import reporting).

State only: the table keeps its name (Meta.db_table = "reporting_reportingrequirement", and with it the
M2M table reporting_reportingrequirement_named_units), so no row is copied and no constraint is touched.
reporting/0006 then points its foreign keys at the new state and forgets the old model. The content type
row is renamed so permissions and anything that refers to the model by content type keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_move(apps, schema_editor, *, from_app: str, to_app: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    # On a fresh database the row does not exist yet (post_migrate creates it after every migration ran);
    # if both rows exist the one under the new label wins and the stale one stays for remove_stale_contenttypes.
    if content_type.objects.using(db).filter(app_label=to_app, model="reportingrequirement").exists():
        return
    content_type.objects.using(db).filter(app_label=from_app, model="reportingrequirement").update(app_label=to_app)


def forwards(apps, schema_editor):
    content_type_move(apps, schema_editor, from_app="reporting", to_app="directives")


def backwards(apps, schema_editor):
    content_type_move(apps, schema_editor, from_app="directives", to_app="reporting")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directives", "0005_external_owner"),
        ("org", "0002_drop_duplicate_path_index"),
        # The model is taken over from reporting's latest state; reporting/0006 completes the move.
        ("reporting", "0005_report_revision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ReportingRequirement",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("order", models.PositiveIntegerField(default=0)),
                        ("title", models.CharField(max_length=255, verbose_name="tên báo cáo")),
                        ("frequency", models.CharField(choices=[("monthly", "Hằng tháng"), ("quarterly", "Hằng quý"),
                                                                ("semiannual", "6 tháng"), ("nine_month", "9 tháng"),
                                                                ("annual", "Hằng năm"),
                                                                ("once", "Một lần, có thời hạn"),
                                                                ("adhoc", "Đột xuất")],
                                                       max_length=12, verbose_name="kỳ báo cáo")),
                        ("due_date", models.DateField(blank=True, null=True,
                                                      verbose_name="hạn nộp (báo cáo một lần / đột xuất)")),
                        ("deadline_working_days", models.PositiveSmallIntegerField(
                            blank=True, help_text="Để trống: theo mặc định (NĐ 09/2019: ít nhất 1 ngày làm việc).",
                            null=True, verbose_name="số ngày làm việc sau khi chốt số liệu")),
                        ("reporters", models.CharField(choices=[("recipients", "Các đơn vị nhận văn bản để thực hiện"),
                                                                ("named", "Các đơn vị được chỉ định")],
                                                       default="recipients", max_length=10)),
                        ("as_written", models.TextField(blank=True, verbose_name="nguyên văn yêu cầu")),
                        ("form_template", models.JSONField(blank=True, default=dict,
                                                           verbose_name="mẫu báo cáo (đề cương và chỉ tiêu)")),
                        ("lead_days", models.PositiveSmallIntegerField(default=0)),
                        ("reminder_policy", models.JSONField(blank=True, default=dict,
                                                             verbose_name="chính sách nhắc nhở")),
                        ("ends_on", models.DateField(blank=True, null=True, verbose_name="báo cáo đến hết ngày")),
                        ("requested_at", models.DateTimeField(blank=True, null=True)),
                        ("document", models.ForeignKey(blank=True, null=True,
                                                       on_delete=django.db.models.deletion.CASCADE,
                                                       related_name="requirements", to="directives.document")),
                        ("named_units", models.ManyToManyField(blank=True, related_name="+", to="org.unit")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                                     related_name="children",
                                                     to="directives.reportingrequirement")),
                        ("requested_by", models.ForeignKey(blank=True, null=True,
                                                           on_delete=django.db.models.deletion.SET_NULL,
                                                           related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("to_unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                      to="org.unit", verbose_name="gửi về")),
                        ("via_unit", models.ForeignKey(blank=True, null=True,
                                                       on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                       to="org.unit", verbose_name="qua")),
                    ],
                    options={
                        "verbose_name": "chế độ báo cáo",
                        "verbose_name_plural": "chế độ báo cáo",
                        "db_table": "reporting_reportingrequirement",
                        "ordering": ["order", "id"],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
