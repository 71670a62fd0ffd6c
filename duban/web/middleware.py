"""Language choice: Simplified Chinese unless the user picks English with the language switch."""


class IgnoreBrowserLanguageMiddleware:
    """Drop the browser's Accept-Language so that LocaleMiddleware uses only the user's own choice.

    Offices often work on browsers installed in English; duban's users still expect Chinese until they
    switch. Place it just before ``django.middleware.locale.LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
