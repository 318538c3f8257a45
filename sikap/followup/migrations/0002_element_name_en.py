"""Follow-up items keep the element's English name beside the Indonesian one they copied, so an English
reader sees the plan in English; items already made get it from the element they were copied from."""

from django.db import migrations, models


def fill_english(apps, schema_editor):
    FollowUpItem = apps.get_model("followup", "FollowUpItem")
    Element = apps.get_model("instruments", "Element")
    english = {
        (code, name): name_en
        for code, name, name_en in Element.objects.exclude(name_en="").values_list("code", "name", "name_en")
    }
    items = FollowUpItem.objects.filter(source="element", element_name_en="")
    for item in items.only("pk", "element_code", "element_name"):
        name_en = english.get((item.element_code, item.element_name), "")
        if name_en:
            FollowUpItem.objects.filter(pk=item.pk).update(element_name_en=name_en)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_initial"),
        ("instruments", "0007_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="followupitem",
            name="element_name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="nama unsur (Inggris)"),
        ),
        migrations.RunPython(fill_english, migrations.RunPython.noop),
    ]
