"""The PIS-PK agenda item of the Lokmin bulanan's notulen (a ``lokmin.tarikan`` section):
the survey's results (coverage, IKS per desa and wilayah with their bands) and the steps
recorded with the agreed interventions, from the PIS-PK records, not retyped.

It reads the survey of the meeting's year; while that year has none yet (January, say) the
year before. Loaded by ``LokminConfig.ready()``.
"""

from __future__ import annotations

from django.urls import reverse

from . import tarikan
from . import tarikan_pws as _pws  # noqa: F401 - the RPK and PWS sections come first
from .selectors.pispk import pispk_ringkas


@tarikan.daftar
def pispk_lokmin(lokmin, user):
    if not lokmin.bulanan:
        return None
    ringkas = pispk_ringkas(puskesmas=lokmin.puskesmas, tahun=lokmin.tahun)
    if not ringkas.ada_survei:
        lalu = pispk_ringkas(puskesmas=lokmin.puskesmas, tahun=lokmin.tahun - 1)
        ringkas = lalu if lalu.ada_survei else ringkas
    return tarikan.Bagian(
        kode="pispk",
        judul=f"Capaian PIS-PK {ringkas.tahun} dan intervensi yang disepakati",
        template="lokmin/_tarikan_pispk.html",
        data=ringkas,
        keterangan=""
        if ringkas.ada_survei
        else f"Belum ada hasil survei PIS-PK tahun {lokmin.tahun - 1} atau {lokmin.tahun}.",
        extra={
            "url": f"{reverse('lokmin:pispk', args=[lokmin.puskesmas_id])}?tahun={ringkas.tahun}"
        },
    )
