"""The rule of an indicator's target, shared by the edit forms and the Excel import.

Plain functions, no ORM: a band (``rentang``) needs both bounds with the lower one not above
the upper one; the other kinds (``naik``, ``turun``) have one target and no upper bound.
"""

from __future__ import annotations

from decimal import Decimal

PESAN_RENTANG_TANPA_ATAS = "Target rentang perlu batas atas."
PESAN_RENTANG_TERBALIK = "Batas atas tidak boleh lebih kecil dari target (batas bawah)."
PESAN_ATAS_BUKAN_RENTANG = (
    "Batas atas hanya untuk target rentang; kosongkan untuk target naik atau turun."
)


def periksa_target(arah: str | None, target: Decimal | None, atas: Decimal | None) -> dict:
    """{"target_atas": [message]} for a target that breaks the rule, else {}."""
    if arah is None:
        return {}
    if arah == "rentang":
        if atas is None:
            return {"target_atas": [PESAN_RENTANG_TANPA_ATAS]}
        if target is not None and target > atas:
            return {"target_atas": [PESAN_RENTANG_TERBALIK]}
        return {}
    if atas is not None:
        return {"target_atas": [PESAN_ATAS_BUKAN_RENTANG]}
    return {}
