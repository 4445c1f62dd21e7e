"""The PWS grid as a Django form, for the shared edit-conflict tool only.

The grid page reads and checks its cells itself (flags, confirmations); when a save is
refused because someone saved the sheet since (``KonflikVersi``), this form carries the
typed values so ``puskesmas.alat.konflik`` can show them beside the stored ones and re-arm
the sheet's version, as every versioned form does.
"""

from __future__ import annotations

from django import forms


class GridPWSForm(forms.Form):
    versi = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        for desa, sel_desa in grid.baris():
            for sel in sel_desa:
                self.fields[sel.nama] = forms.IntegerField(
                    required=False, min_value=0, label=f"{desa.nama} · {sel.indikator.kode}"
                )

    @classmethod
    def dari_isian(cls, *, grid, nilai: dict, versi) -> GridPWSForm:
        """The form of what was typed (``nilai``: {(desa id, indikator id): int or None})."""
        data = {"versi": "" if versi is None else str(versi)}
        for kunci, sel in grid.sel.items():
            v = nilai.get(kunci)
            data[sel.nama] = "" if v is None else str(v)
        form = cls(data, grid=grid)
        form.is_valid()
        return form
