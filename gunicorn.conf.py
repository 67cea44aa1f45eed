"""gunicorn's settings for every way the portal is started (scripts/run.sh, the Dockerfile, docker-compose):
gunicorn reads ./gunicorn.conf.py from the folder it starts in, which is the project folder in all three.

The only setting here: no "Server: gunicorn" header. gunicorn writes it itself before the application's own
headers and has no option to leave it out, so its response class is told not to; naming the server and its
version helps nobody but someone looking for a known hole (issue 20, finding 13).
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self):
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server
