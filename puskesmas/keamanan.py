"""Browser security headers that Django and django-csp do not set.

The Content-Security-Policy comes from django-csp (settings ``CONTENT_SECURITY_POLICY``) and
Referrer-Policy from Django's SecurityMiddleware. Permissions-Policy is one fixed header: the
app uses no camera, microphone, location, payment or USB, so the browser is told to refuse
them to this site and to anything embedded in it, should a script ever ask.
"""

from django.conf import settings


def _permissions_policy() -> str:
    return ", ".join(f"{fitur}=()" for fitur in settings.PERMISSIONS_POLICY_DITOLAK)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.nilai = _permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.nilai)
        return response
