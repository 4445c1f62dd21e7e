"""The compliance table's cells, built as plain strings: the markup a template would write.

The reference below is the cell as a Django template with autoescaping; the tag must give
the same text for every state and escape a column code it did not write itself.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.template import Context, Template, engines

from puskesmas.alat.tenggat import keadaan_tenggat
from puskesmas.templatetags.tenggat import sel_tenggat_baris

REFERENSI = (
    '{% for j in jenis %}{% with k=j.keadaan %}<td data-kolom="{{ j.kode }}" '
    'data-kepatuhan="{{ k.kepatuhan }}"><span class="badge {{ k.warna_kepatuhan }}">'
    '{{ k.label_kepatuhan }}</span><div class="small">'
    "{% if k.selesai %}{{ k.selesai_pada|date:'j F Y' }}"
    "{% if k.hari_terlambat %} · terlambat {{ k.hari_terlambat }} hari{% endif %}"
    '{% elif k.hari_terlambat %}<span class="text-danger">lewat {{ k.hari_terlambat }} hari'
    "</span>{% elif k.status == 'hari_ini' %}jatuh tempo hari ini"
    "{% else %}{{ k.sisa_hari }} hari lagi{% endif %}</div></td>{% endwith %}{% endfor %}"
)

HARI_INI = date(2027, 3, 10)
BATAS = date(2027, 3, 5)


@dataclass(frozen=True)
class _Jenis:
    kode: str
    keadaan: object


KEADAAN = {
    "tepat": dict(batas=BATAS, selesai_pada=date(2027, 3, 1)),
    "terlambat_selesai": dict(batas=BATAS, selesai_pada=date(2027, 3, 8)),
    "terlambat": dict(batas=BATAS, selesai_pada=None),
    "hari_ini": dict(batas=HARI_INI, selesai_pada=None),
    "belum": dict(batas=date(2027, 4, 2), selesai_pada=None),
}


@pytest.mark.parametrize("nama", sorted(KEADAAN))
@pytest.mark.parametrize("kode", ["sk_target", 'a"<b>&c'])
def test_cell_as_the_template_writes_it(nama, kode):
    k = keadaan_tenggat(hari_ini=HARI_INI, **KEADAAN[nama])
    jenis = [_Jenis(kode, k), _Jenis("lain", k)]
    harapan = Template(REFERENSI, engine=engines["django"].engine).render(Context({"jenis": jenis}))
    for _ in range(2):  # the part kept per column and state, then reused
        assert sel_tenggat_baris(jenis) == harapan
    assert "<b>" not in sel_tenggat_baris(jenis)
