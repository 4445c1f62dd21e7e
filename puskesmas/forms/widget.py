"""Widgets for long choice lists."""

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


class PilihanPanjang(forms.Select):
    """A ``<select>`` whose options are written by Python, not by a template per option.

    Django's select includes a template for every option (and one for its attributes): for
    the 514 kabupaten of the national filter that was most of the page's time. The markup
    is Django's (attributes in the order given, as Django writes them); an option carries only ``selected``, which is
    all a ``Select`` gives its options. Values and labels are escaped.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        bagian = [f'<select name="{escape(widget["name"])}"{_atribut(widget["attrs"])}>']
        for grup, pilihan, _ in widget["optgroups"]:
            if grup:
                bagian.append(f'<optgroup label="{escape(grup)}">')
            for o in pilihan:
                dipilih = " selected" if o["attrs"].get("selected") else ""
                bagian.append(
                    f'<option value="{escape(o["value"])}"{dipilih}>{escape(o["label"])}</option>'
                )
            if grup:
                bagian.append("</optgroup>")
        bagian.append("</select>")
        return mark_safe("\n".join(bagian))  # noqa: S308 (every part above is escaped)


def _atribut(attrs: dict) -> str:
    """Attributes as ``django/forms/widgets/attrs.html`` writes them: False left out, True
    as a bare name, anything else as its text, escaped."""
    return "".join(
        f" {escape(nama)}" if nilai is True else f' {escape(nama)}="{escape(nilai)}"'
        for nama, nilai in attrs.items()
        if nilai is not False
    )
