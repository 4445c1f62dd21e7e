from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import formats, translation


def render(src, **ctx):
    with translation.override("id"):
        return Template("{% load humanize %}" + src).render(Context(ctx))


def test_dates_spell_out_the_month_in_indonesian():
    assert render("{{ d|date:'DATE_FORMAT' }}", d=date(2027, 2, 28)) == "28 Februari 2027"
    assert render("{{ d }}", d=date(2027, 8, 17)) == "17 Agustus 2027"


def test_datetimes_are_shown_in_jakarta_time():
    from django.utils import timezone

    utc = datetime(2027, 1, 1, 1, 30, tzinfo=ZoneInfo("UTC"))
    with timezone.override("Asia/Jakarta"):
        assert render("{{ t|date:'DATETIME_FORMAT' }}", t=utc) == "1 Januari 2027, 08.30"


def test_numbers_use_indonesian_separators():
    with translation.override("id"):
        assert (
            formats.number_format(Decimal("1234.5"), 1, use_l10n=True, force_grouping=True)
            == "1.234,5"
        )
        assert render("{{ n|angka }}", n=1234567) == "1.234.567"
        assert render("{{ n|angka:1 }}", n=Decimal("1234.5")) == "1.234,5"
        assert render("{{ n|angka }}", n=Decimal("12.50")) == "12,50"
        assert render("{{ n|angka }}", n=None) == ""


def test_ids_and_years_written_into_pages_are_never_grouped():
    """Grouping every integer would make an id 1831 into "1.831" in attributes and URLs."""
    with translation.override("id"):
        assert render('<option value="{{ t }}">', t=2026) == '<option value="2026">'
        assert render('data-id="{{ pk }}"', pk=1831) == 'data-id="1831"'
        assert render("{{ x }}", x=Decimal("12.5")) == "12,5"
