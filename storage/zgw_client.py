"""A small client for the ZGW Documenten API 1.5 (and the one Zaken API call delivery needs).

Standard-library HTTP (``urllib``); the ZGW authentication is a JWT signed with HS256 over
the client id and secret the gemeente issued (PyJWT), made fresh for every request, as the
ZGW "autorisatie" standard asks (``iss``, ``iat``, ``client_id``, ``user_id``,
``user_representation``).

Two kinds of failure, because the caller treats them differently:

- ``ZgwUnavailable``: the network, a timeout, a dropped connection or a 5xx (or 429) -- try
  again later; nothing is known to be wrong with the request;
- ``ZgwRefused``: a 4xx -- this request will not be accepted as it is; ``reden`` holds the
  server's ``invalidParams`` in Dutch.

A zaak is linked to a document with ``POST <Zaken API>/zaakinformatieobjecten``: the
Documenten API's own ``objectinformatieobjecten`` must not be called by a consumer (its
specification says so: the Zaken API keeps that relation in step itself). The Zaken API's
root is the part of the zaak URL before ``/zaken/``.
"""

from __future__ import annotations

import http.client
import json
import math
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import jwt

from board.i18n import _, ngettext
from board.zgw import invalid_params_tekst
from storage.errors import StorageError

USER_ID = "magneetbord"
USER_REPRESENTATION = "Magneetbord (Wat telt)"


class ZgwError(StorageError):
    """The dossier system did not take the request; the message is plain Dutch."""


class ZgwUnavailable(ZgwError):
    """Not reachable, too slow, or a server error (5xx, 429): worth trying again later.
    ``bereikt``: the server was reached and answered with an error (not: no answer at all)."""

    def __init__(self, message: str, bereikt: bool = False) -> None:
        super().__init__(message)
        self.bereikt = bereikt


class ZgwRefused(ZgwError):
    """A 4xx: the server refused the request itself. ``status`` and ``reden`` (in Dutch)."""

    def __init__(self, message: str, status: int, reden: str) -> None:
        super().__init__(message)
        self.status = status
        self.reden = reden


def zaken_api_root(zaak_url: str) -> str:
    """``https://x/zaken/api/v1/zaken/<uuid>`` -> ``https://x/zaken/api/v1``."""
    head, sep, _tail = zaak_url.rpartition("/zaken/")
    if not sep or not urllib.parse.urlsplit(zaak_url).scheme.startswith("http"):
        raise ZgwError(_("{url} is geen zaak-URL van een Zaken API (verwacht: .../zaken/<uuid>).").format(url=zaak_url))
    return head


class ZgwClient:
    def __init__(self, url: str, client_id: str, secret: str, timeout: float = 20.0) -> None:
        self.root = url.rstrip("/")
        self.client_id = client_id
        self.secret = secret
        self.timeout = timeout

    # ----- Documenten API -------------------------------------------------------

    def find_documents(self, identificatie: str, bronorganisatie: str) -> list[dict[str, Any]]:
        """The informatieobjecten whose ``identificatie`` is exactly this one (a server that
        ignores the filter returns others too: only exact matches are trusted)."""
        query = urllib.parse.urlencode({"identificatie": identificatie, "bronorganisatie": bronorganisatie})
        url: str | None = f"{self.root}/enkelvoudiginformatieobjecten?{query}"
        found: list[dict[str, Any]] = []
        while url:
            page = self.request("GET", url)
            results = page.get("results") if isinstance(page, dict) else page
            found += [
                doc for doc in results or ()
                if isinstance(doc, dict) and doc.get("identificatie") == identificatie
                and doc.get("bronorganisatie") == bronorganisatie
            ]  # fmt: skip
            url = page.get("next") if isinstance(page, dict) else None
            if url and not self.same_origin(url):
                url = None  # the token goes to the configured server only
        return found

    def same_origin(self, url: str) -> bool:
        ours, theirs = urllib.parse.urlsplit(self.root), urllib.parse.urlsplit(url)
        return (ours.scheme, ours.netloc) == (theirs.scheme, theirs.netloc)

    def create_document(self, document: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", f"{self.root}/enkelvoudiginformatieobjecten", document)

    # ----- Zaken API ------------------------------------------------------------

    def link_zaak(self, zaak_url: str, informatieobject: str, titel: str) -> dict[str, Any]:
        """The zaakinformatieobject for this zaak and document; an existing one is kept."""
        root = zaken_api_root(zaak_url)
        query = urllib.parse.urlencode({"zaak": zaak_url, "informatieobject": informatieobject})
        existing = self.request("GET", f"{root}/zaakinformatieobjecten?{query}")
        for item in existing if isinstance(existing, list) else ():
            if item.get("zaak") == zaak_url and item.get("informatieobject") == informatieobject:
                return item
        body = {"zaak": zaak_url, "informatieobject": informatieobject, "titel": titel}
        return self.request("POST", f"{root}/zaakinformatieobjecten", body)

    # ----- HTTP -----------------------------------------------------------------

    def token(self) -> str:
        claims = {
            "iss": self.client_id,
            "iat": int(time.time()),
            "client_id": self.client_id,
            "user_id": USER_ID,
            "user_representation": USER_REPRESENTATION,
        }
        return jwt.encode(claims, self.secret, algorithm="HS256")

    def request(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token()}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise _http_error(exc, url) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
            raise ZgwUnavailable(
                _("De server van de gemeente is niet bereikbaar ({reden}).").format(reden=self.why(exc))
            ) from None
        try:
            return json.loads(raw) if raw else {}
        except ValueError:
            raise ZgwUnavailable(
                _("De server van de gemeente gaf een antwoord dat geen JSON is."), bereikt=True) from None


    def why(self, exc: Exception) -> str:
        """Why the server could not be reached, in Dutch (not the socket's English)."""
        reason = getattr(exc, "reason", exc)
        host = urllib.parse.urlsplit(self.root).netloc
        if isinstance(reason, TimeoutError):
            seconds = math.ceil(self.timeout)
            return ngettext(
                "geen antwoord binnen {n} seconde", "geen antwoord binnen {n} seconden", seconds
            ).format(n=seconds)
        if isinstance(reason, socket.gaierror):
            return _("het adres {host} is onbekend: geen internet, of een typfout in de url").format(host=host)
        if isinstance(reason, ConnectionRefusedError):
            return _("{host} neemt geen verbinding aan").format(host=host)
        return _("de verbinding met {host} viel weg").format(host=host)


def _http_error(exc: urllib.error.HTTPError, url: str) -> ZgwError:
    try:
        problem = json.loads(exc.read() or b"{}")
    except (ValueError, OSError):
        problem = {}
    problem = problem if isinstance(problem, dict) else {}
    if exc.code >= 500 or exc.code == 429:
        return ZgwUnavailable(
            _("De server van de gemeente gaf een fout ({status}); later opnieuw proberen.").format(status=exc.code),
            bereikt=True,
        )
    detail = invalid_params_tekst(problem.get("invalidParams"))
    detail = detail or str(problem.get("detail") or problem.get("title") or "")
    if exc.code == 401:
        reden = _("niet aangemeld: controleer client-id en secret ({detail})").format(detail=detail)
    elif exc.code == 403:
        reden = _("geen toestemming voor dit informatieobjecttype of deze vertrouwelijkheid ({detail})").format(
            detail=detail
        )
    else:
        reden = detail or _("het verzoek werd geweigerd")
    message = _("De gemeente weigerde het verzoek ({status}): {reden}").format(status=exc.code, reden=reden)
    return ZgwRefused(message, exc.code, reden)
