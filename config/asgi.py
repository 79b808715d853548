"""ASGI entry point: HTTP through Django's WSGI handler, WebSocket through Channels.

Every view is synchronous. Django's own ASGI handler runs each request through a
dozen switches between the event loop and a worker thread (signals, the
middleware chain, the view), which cost more CPU than a small page itself;
a2wsgi hands the whole request to one thread of a pool instead, once.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_wsgi_app = get_wsgi_application()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from alongside.safety.service import warm_up  # noqa: E402
from config.websocket_urls import websocket_urlpatterns  # noqa: E402

warm_up()

application = ProtocolTypeRouter(
    {
        # Django's responses iterate as bytes; its stubs type them otherwise.
        "http": WSGIMiddleware(django_wsgi_app),  # type: ignore[arg-type]
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
