"""``{% url %}`` through ``puskesmas.alat.tautan.balik``: the same tag, the same output.

A builtin of the template engine (``TEMPLATES`` in settings), registered after Django's
own, so every template's ``{% url %}`` is this one without a ``{% load %}``.
"""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from ..alat.tautan import balik

register = template.Library()


class URLNodeCepat(defaulttags.URLNode):
    """Django's ``URLNode`` with ``balik`` in place of ``reverse``."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = balik(view_name, args, kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """As Django's ``{% url %}`` (same arguments, ``as`` included)."""
    node = defaulttags.url(parser, token)
    return URLNodeCepat(node.view_name, node.args, node.kwargs, node.asvar)
