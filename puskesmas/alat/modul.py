"""Start page of each part of the cycle: its steps and this year's dates."""

from dataclasses import dataclass

from django.views.generic import TemplateView

from . import kalender


@dataclass(frozen=True)
class Langkah:
    judul: str
    uraian: str


class ModulView(TemplateView):
    template_name = "puskesmas/modul.html"
    modul: str = ""
    judul: str = ""
    uraian: str = ""
    langkah: tuple[Langkah, ...] = ()

    def get_context_data(self, **kwargs):
        from ..views.beranda import tahun_terpilih

        ctx = super().get_context_data(**kwargs)
        tahun = tahun_terpilih(self.request)
        ctx.update(
            tahun=tahun,
            judul=self.judul,
            uraian=self.uraian,
            langkah=self.langkah,
            agenda=[a for a in kalender.agenda_tahunan(tahun) if a.modul == self.modul],
            modul=self.modul,
        )
        return ctx
