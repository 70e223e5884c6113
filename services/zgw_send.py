"""Send the outbox to the dossier through the ZGW Documenten API (``python3 main.py outbox
send`` and the professional's Versturen).

For each bundle in the outbox, oldest first: open it (it is sealed at rest), and for each of
its documents (``board.zgw.DOCUMENTEN``) look the document up by its ``identificatie``; only
an exact match counts as sent before, anything else is created. Where a zaak is set for the
inwoner, each document is linked to it. When every document is in, the bundle is marked
delivered exactly as ``outbox delivered`` does (the retention period counts from then) and
the tablet's copy goes. So an upload killed half-way resumes without duplicates.

Network errors, timeouts and 5xx are retried with back-off; when the server stays away the
run stops and the bundle stays for next time. A 4xx stops that bundle only (failed, with the
server's reasons in Dutch) and the others go on.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from board.i18n import _
from board.zgw import DOCUMENTEN, TAAL, DocumentSoort, UploadStatus, ZgwConfig, backoff, identificatie, titel
from exports.bundle import MANIFEST, read_bundle
from services.outbox import mark_delivered
from storage.errors import StorageError
from storage.outbox import meting_id_of, outbox_seal
from storage.repository import Repository
from storage.zgw_client import ZgwClient, ZgwRefused, ZgwUnavailable, zaken_api_root

ENV = {
    "url": "MAGNEETBORD_ZGW_URL",
    "client_id": "MAGNEETBORD_ZGW_CLIENT_ID",
    "secret": "MAGNEETBORD_ZGW_SECRET",
    "rsin": "MAGNEETBORD_ZGW_RSIN",
    "informatieobjecttype": "MAGNEETBORD_ZGW_INFORMATIEOBJECTTYPE",
    "vertrouwelijkheid": "MAGNEETBORD_ZGW_VERTROUWELIJKHEID",
}
TIMEOUT_ENV = "MAGNEETBORD_ZGW_TIMEOUT"  # seconds per request (default 20)
ATTEMPTS = 5  # one try and four retries: 0.5 + 1 + 2 + 4 seconds of waiting

# (done, total, text): documents accepted so far in this run (never more than were), all
# documents of the bundles waiting, what happens now ("" in the run's last call)
Progress = Callable[[int, int, str], None]
# (poging, pogingen, bereikt): the try about to begin after a failed one (2 of 5 first), and
# whether the server answered with an error (True) or gave no answer (False)
Retrying = Callable[[int, int, bool], None]


class ConfigMissing(StorageError):
    """``outbox send`` without a complete configuration; the message says what is missing or
    wrong (for whoever sets it: the names of ``outbox config``'s options); ``ontbreekt``: the
    settings still empty (none: one is wrong)."""

    def __init__(self, message: str, ontbreekt: list[str]) -> None:
        super().__init__(message)
        self.ontbreekt = ontbreekt


@dataclass
class SendReport:
    afgeleverd: list[str] = field(default_factory=list)  # bundle folders
    mislukt: dict[str, str] = field(default_factory=dict)  # bundle folder -> reason (every kind below)
    # failed for a reason of their own (refused by the server, a damaged bundle): the run went on
    overgeslagen: list[str] = field(default_factory=list)
    gestopt: str | None = None  # why the run stopped early (the server stayed away, or kept failing)
    gestopt_bereikt: bool = False  # the server was reached and answered with errors (5xx): not "niet bereikbaar"


def effective_config(repository: Repository) -> ZgwConfig:
    """The stored configuration with the environment's overrides on top."""
    stored = repository.zgw_config()
    overrides = {name: os.environ[env] for name, env in ENV.items() if os.environ.get(env)}
    return replace(stored, **overrides)


def configure(repository: Repository, **changes: str | None) -> ZgwConfig:
    """Store the settings given (None: unchanged); the environment is not stored."""
    names = {f.name for f in fields(ZgwConfig)}
    stored = repository.zgw_config()
    updated = replace(stored, **{k: v.strip() for k, v in changes.items() if k in names and v is not None})
    problems = updated.problems(complete=False)  # set one at a time: only what is wrong
    if problems:
        raise ConfigMissing(_("Niet opgeslagen: {problemen}.").format(problemen="; ".join(problems)), [])
    repository.set_zgw_config(updated)
    return updated


def client_for(config: ZgwConfig) -> ZgwClient:
    problems = config.problems()
    if problems:
        raise ConfigMissing(
            _(
                "Versturen naar het dossier kan nog niet: {problemen}. Stel het in met "
                "python3 main.py outbox config (of de omgevingsvariabelen {env})."
            ).format(problemen="; ".join(problems), env=", ".join(ENV.values())),
            config.missing(),
        )
    timeout = float(os.environ.get(TIMEOUT_ENV) or 20)
    return ZgwClient(config.url, config.client_id, config.secret, timeout=timeout)


def waiting_bundles(outbox: Path) -> list[Path]:
    """The bundle folders in the outbox, oldest first (half-written ones are hidden)."""
    return sorted(p for p in outbox.iterdir() if p.is_dir() and not p.name.startswith("."))


def send_outbox(
    repository: Repository,
    outbox: Path,
    progress: Progress | None = None,
    *,
    client: ZgwClient | None = None,
    sleep: Callable[[float], None] = time.sleep,
    attempts: int = ATTEMPTS,
    retrying: Retrying | None = None,
) -> SendReport:
    """Deliver every bundle in ``outbox``; see the module's docstring. Raises ``ConfigMissing``.
    ``retrying`` hears of each try again before its back-off (a screen says it is trying)."""
    config = effective_config(repository)
    client = client or client_for(config)
    bundles = waiting_bundles(outbox)
    total = len(bundles) * len(DOCUMENTEN)
    report = SendReport()
    seal = outbox_seal(repository)
    sender = _Sender(client, config, sleep, attempts, retrying)
    done = 0  # documents accepted: a failed or skipped one is not counted as sent
    for folder in bundles:
        meting_id = meting_id_of(folder)
        repository.set_upload_status(meting_id, UploadStatus.BEZIG)
        try:
            files = read_bundle(folder, seal)
            manifest = json.loads(files[MANIFEST])
            zaak = repository.zaak_of(manifest["inwoner_id"])
            for soort in DOCUMENTEN:
                if progress is not None:
                    progress(done, total, f"{folder.name}: {soort.bestand}")
                sender.deliver(meting_id, soort, files[soort.bestand], manifest, zaak)
                done += 1
            mark_delivered(repository, outbox, folder, datetime.now(UTC))
        except ZgwRefused as exc:
            repository.set_upload_status(meting_id, UploadStatus.MISLUKT, exc.reden)
            report.mislukt[folder.name] = str(exc)
            report.overgeslagen.append(folder.name)
            continue
        except ZgwUnavailable as exc:
            repository.set_upload_status(meting_id, UploadStatus.MISLUKT, str(exc))
            report.mislukt[folder.name] = str(exc)
            report.gestopt, report.gestopt_bereikt = str(exc), exc.bereikt
            break
        except (StorageError, KeyError, ValueError) as exc:  # a damaged bundle: the others go on
            repository.set_upload_status(meting_id, UploadStatus.MISLUKT, str(exc))
            report.mislukt[folder.name] = str(exc)
            report.overgeslagen.append(folder.name)
            continue
        repository.set_upload_status(meting_id, UploadStatus.AFGELEVERD)
        report.afgeleverd.append(folder.name)
    if progress is not None:
        progress(done, total, "")
    return report


class _Sender:
    def __init__(self, client: ZgwClient, config: ZgwConfig, sleep: Callable[[float], None], attempts: int,
                 retrying: Retrying | None = None) -> None:
        self.client = client
        self.config = config
        self.sleep = sleep
        self.attempts = attempts
        self.retrying = retrying

    def deliver(
        self, meting_id: str, soort: DocumentSoort, data: bytes, manifest: dict[str, Any], zaak: str | None
    ) -> str:
        """The document's URL in the dossier: the one sent before, or a new one."""
        ident = identificatie(meting_id, soort)

        def find_or_create() -> str:
            # Looked up again before every try: a create whose answer was lost may have happened.
            found = self.client.find_documents(ident, self.config.rsin)
            if found:
                return str(found[0]["url"])
            return str(self.client.create_document(self.document(ident, soort, data, manifest))["url"])

        url = self._retry(find_or_create)
        if zaak:
            label = body_titel(soort, manifest)
            self._retry(lambda: self.client.link_zaak(zaak, url, label))
        return url

    def document(self, ident: str, soort: DocumentSoort, data: bytes, manifest: dict[str, Any]) -> dict[str, Any]:
        meting = manifest["meting"]
        return {
            "identificatie": ident,
            "bronorganisatie": self.config.rsin,
            "creatiedatum": meting["datum"],
            "titel": body_titel(soort, manifest),
            "vertrouwelijkheidaanduiding": self.config.vertrouwelijkheid,
            "auteur": _("Wijkteam (Magneetbord)"),
            "status": "definitief",
            "formaat": soort.formaat,
            "taal": TAAL,
            "bestandsnaam": f"{manifest['dossiernummer']}_{meting['datum']}_{soort.bestand}"[:255],
            "inhoud": base64.b64encode(data).decode("ascii"),
            "bestandsomvang": len(data),
            "beschrijving": beschrijving(manifest),
            "trefwoorden": [str(manifest["dossiernummer"]), "wat-telt"],
            "informatieobjecttype": self.config.informatieobjecttype,
            "indicatieGebruiksrecht": False,
        }

    def _retry(self, call: Callable[[], Any]) -> Any:
        for attempt in range(1, self.attempts + 1):
            try:
                return call()
            except ZgwUnavailable as exc:
                if attempt == self.attempts:
                    raise
                if self.retrying is not None:
                    self.retrying(attempt + 1, self.attempts, exc.bereikt)
                self.sleep(backoff(attempt))
        raise AssertionError("unreachable")


def beschrijving(manifest: dict[str, Any]) -> str:
    """The dossiernummer, the meting and its set: what a receiver matches the document on."""
    meting, leefgebiedenset = manifest["meting"], manifest["leefgebiedenset"]
    text = _("Dossiernummer {dossier}; meting {meting} ({soort}); set {set} versie {versie}.")
    return text.format(
        dossier=manifest["dossiernummer"], meting=meting["id"], soort=meting["soort"],
        set=leefgebiedenset["naam"], versie=leefgebiedenset["versie"],
    )[:1000]  # fmt: skip


def body_titel(soort: DocumentSoort, manifest: dict[str, Any]) -> str:
    meting = manifest["meting"]
    return titel(soort, meting["soort"], meting["datum"])


def set_zaak(repository: Repository, dossiernummer: str, zaak_url: str | None) -> None:
    """From now on, link the documents of the inwoner with ``dossiernummer`` to ``zaak_url``."""
    inwoner = repository.find_inwoner(dossiernummer)
    if inwoner is None:
        raise StorageError(_("Er is geen inwoner met dossiernummer {dossier}.").format(dossier=dossiernummer))
    if zaak_url is not None:
        zaken_api_root(zaak_url)  # refuses what is no zaak URL
    repository.set_zaak(inwoner.id, zaak_url)
