"""``{{ nilai|angka }}`` → "1.500.000"; ``{{ nilai|angka:1 }}`` → "12,5". Loaded everywhere."""

from django import template

from puskesmas.alat.angka import format_angka

register = template.Library()


@register.filter(name="angka")
def angka(nilai, desimal=None):
    return format_angka(nilai, int(desimal) if desimal not in (None, "") else None)
