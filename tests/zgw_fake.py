"""For the delivery tests: a small stateful Documenten API (and the one Zaken API endpoint the
app uses), and a fault-injecting HTTP proxy to put in front of it.

``FakeDocumenten`` keeps the informatieobjecten it accepted (content decoded), checks the JWT
(HS256 with the secret it was given) and answers in the shapes of the Documenten API 1.5
specification, so ``prism proxy --errors`` in front of it finds nothing to object to.
``refuse_dossier``: a POST for that dossiernummer gets a 400 with ``invalidParams``.
``ignore_filter``: the list ignores ``identificatie`` (a sloppy server), to show the client
trusts exact matches only.

``FaultProxy`` forwards to an upstream and, on the requests its plan names, answers 503,
drops the connection, or holds the request (forwarded or not) past the client's timeout.
"""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
import uuid
from datetime import UTC, datetime
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

DOCS = "/enkelvoudiginformatieobjecten"
ZIO = "/zaken/api/v1/zaakinformatieobjecten"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _serve(handler: type[BaseHTTPRequestHandler], owner: Any) -> tuple[_Server, threading.Thread]:
    server = _Server(("127.0.0.1", 0), handler)
    server.owner = owner  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


class FakeDocumenten:
    def __init__(self, client_id: str, secret: str) -> None:
        self.client_id = client_id
        self.secret = secret
        self.documents: dict[str, dict[str, Any]] = {}  # uuid -> stored document
        self.content: dict[str, bytes] = {}
        self.zios: list[dict[str, Any]] = []
        self.posts = 0
        self.refuse_dossier: str | None = None
        self.ignore_filter = False
        self.lock = threading.Lock()
        self.server, self.thread = _serve(_DocumentenHandler, self)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.documents.clear()
            self.content.clear()
            self.zios.clear()
            self.posts = 0
            self.refuse_dossier = None
            self.ignore_filter = False

    def by_identificatie(self) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for doc in self.documents.values():
            found.setdefault(doc["identificatie"], []).append(doc)
        return found

    def authorised(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        try:
            claims = jwt.decode(header[7:], self.secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            return False
        return claims.get("client_id") == self.client_id and claims.get("iss") == self.client_id


def _fout(status: int, title: str, instance: str) -> dict[str, Any]:
    return {"type": "", "code": str(status), "title": title, "status": status, "detail": title, "instance": instance}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def reply(self, status: int, body: Any, content_type: str = "application/json", location: str = "") -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", content_type)
        self.send_header("API-version", "1.5.0")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")


class _DocumentenHandler(_Handler):
    @property
    def fake(self) -> FakeDocumenten:
        return self.server.owner  # type: ignore[attr-defined]

    def check_auth(self) -> bool:
        if self.fake.authorised(self.headers.get("Authorization")):
            return True
        self.reply(401, _fout(401, "Niet geautoriseerd", self.path), "application/problem+json")
        return False

    def do_GET(self) -> None:
        if not self.check_auth():
            return
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        with self.fake.lock:
            if parts.path == DOCS:
                found = [
                    d for d in self.fake.documents.values()
                    if self.fake.ignore_filter or (
                        d["identificatie"] == query.get("identificatie", d["identificatie"])
                        and d["bronorganisatie"] == query.get("bronorganisatie", d["bronorganisatie"])
                    )
                ]  # fmt: skip
                self.reply(200, {"count": len(found), "next": None, "previous": None, "results": found})
            elif parts.path == ZIO:
                found = [
                    z for z in self.fake.zios
                    if z["zaak"] == query.get("zaak") and z["informatieobject"] == query.get("informatieobject")
                ]  # fmt: skip
                self.reply(200, found)
            else:
                self.reply(404, _fout(404, "Niet gevonden", self.path), "application/problem+json")

    def do_POST(self) -> None:
        if not self.check_auth():
            return
        body = self.body()
        with self.fake.lock:
            self.fake.posts += 1
            if self.path == DOCS:
                self.create_document(body)
            elif self.path == ZIO:
                zio = {"url": f"{self.fake.url}{ZIO}/{uuid.uuid4()}", **body}
                self.fake.zios.append(zio)
                self.reply(201, zio)
            else:
                self.reply(404, _fout(404, "Niet gevonden", self.path), "application/problem+json")

    def create_document(self, body: dict[str, Any]) -> None:
        refused = self.fake.refuse_dossier
        if refused and str(body.get("bestandsnaam", "")).startswith(refused):
            problem = _fout(400, "Invalid input.", self.path)
            problem["code"] = "invalid"
            problem["invalidParams"] = [
                {"name": "informatieobjecttype", "code": "invalid-resource", "reason": "Not a valid object."}
            ]
            self.reply(400, problem, "application/problem+json")
            return
        key = str(uuid.uuid4())
        content = base64.b64decode(body.pop("inhoud"))
        url = f"{self.fake.url}{DOCS}/{key}"
        document = {
            "url": url,
            "identificatie": body.get("identificatie", ""),
            "bronorganisatie": body["bronorganisatie"],
            "creatiedatum": body["creatiedatum"],
            "titel": body["titel"],
            "vertrouwelijkheidaanduiding": body.get("vertrouwelijkheidaanduiding", ""),
            "auteur": body["auteur"],
            "status": body.get("status", ""),
            "formaat": body.get("formaat", ""),
            "taal": body["taal"],
            "versie": 1,
            "beginRegistratie": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "bestandsnaam": body.get("bestandsnaam", ""),
            "inhoud": f"{url}/download",
            "bestandsomvang": len(content),
            "beschrijving": body.get("beschrijving", ""),
            "ontvangstdatum": None,
            "verzenddatum": None,
            "indicatieGebruiksrecht": body.get("indicatieGebruiksrecht"),
            "verschijningsvorm": "",
            "ondertekening": None,
            "integriteit": None,
            "informatieobjecttype": body["informatieobjecttype"],
            "locked": False,
            "bestandsdelen": [],
            "trefwoorden": body.get("trefwoorden") or [],
            "inhoudIsVervallen": False,
        }
        self.fake.documents[key] = document
        self.fake.content[key] = content
        self.reply(201, document, location=url)


class FaultProxy:
    """Forwards to ``upstream``; ``plan`` maps the number of a request (1, 2, ...) to a fault:
    ``"503"``, ``"drop"`` (close without an answer), ``"hang"`` (never answer, never forward),
    ``"hang-after"`` (forward, then never pass the answer back). ``hung`` is set when a hang
    begins; ``release`` ends every hang (the held connection is then closed)."""

    def __init__(self, upstream: str, plan: dict[int, str] | None = None) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.plan = dict(plan or {})
        self.count = 0
        self.seen: list[str] = []
        self.hung = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.server, self.thread = _serve(_ProxyHandler, self)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def forward(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, list, bytes]:
        conn = HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()


class _ProxyHandler(_Handler):
    def handle_any(self) -> None:
        proxy: FaultProxy = self.server.owner  # type: ignore[attr-defined]
        with proxy.lock:
            proxy.count += 1
            number = proxy.count
            fault = proxy.plan.get(number)
            proxy.seen.append(f"{self.command} {self.path} {fault or ''}".strip())
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        if fault == "503":
            self.reply(503, _fout(503, "Tijdelijk niet beschikbaar", self.path), "application/problem+json")
            return
        if fault == "drop":
            self.close_connection = True
            self.connection.close()
            return
        if fault in ("hang", "hang-after"):
            if fault == "hang-after":
                proxy.forward(self.command, self.path, headers, body)
            proxy.hung.set()
            proxy.release.wait(120)
            self.close_connection = True
            return
        status, response_headers, raw = proxy.forward(self.command, self.path, headers, body)
        self.send_response(status)
        for name, value in response_headers:
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = handle_any
