"""The ZGW client's requests against ``prism mock --errors`` on the official Documenten API 1.5.0
specification: a real bundle's document is accepted as the specification says (201), a
request without the JWT gets 401, a document that breaks the specification gets 400 and the
client says so in Dutch; a found document counts only with exactly its identificatie."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import jwt
import pytest

from board.zgw import DOCUMENTEN, ZgwConfig, identificatie, invalid_params_tekst
from exports.bundle import MANIFEST, render_bundle
from samples import voorbeelden
from services.zgw_send import _Sender
from storage.zgw_client import ZgwClient, ZgwRefused, ZgwUnavailable, zaken_api_root
from tests.prism import prism, spec_path, violations
from tests.zgw_fake import FakeDocumenten

RSIN = "002220647"
CONFIG = ZgwConfig(
    url="", client_id="magneetbord-test", secret="een-geheim-van-de-gemeente-voor-de-test", rsin=RSIN,
    informatieobjecttype="https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/1",
)  # fmt: skip


@pytest.fixture(scope="module")
def mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("prism") / "mock.log"
    with prism("mock", str(spec_path()), log=log) as url:
        yield url, log


def bundle_documents() -> list[dict]:
    """The request bodies the app sends for a real bundle (a vervolgmeting with its ghosts)."""
    nul = voorbeelden.nulmeting()
    meting = voorbeelden.vervolgmeting(nul)
    files = render_bundle(voorbeelden.inwoner(), meting, nul, snapshot_size=(960, 600))
    manifest = json.loads(files[MANIFEST])
    sender = _Sender(ZgwClient("http://unused", CONFIG.client_id, CONFIG.secret), CONFIG, lambda s: None, 1)
    return [
        sender.document(identificatie(meting.id, soort), soort, files[soort.bestand], manifest) for soort in DOCUMENTEN
    ]


def test_every_document_of_a_bundle_is_a_valid_request(mock: tuple[str, Path]) -> None:
    url, log = mock
    client = ZgwClient(url, CONFIG.client_id, CONFIG.secret, timeout=30)
    for document in bundle_documents():
        created = client.create_document(document)  # Prism answers 400 to anything off the specification
        assert "url" in created
        assert len(document["identificatie"]) <= 40 and document["taal"] == "nld"
    assert violations(log) == []


def test_without_the_jwt_the_server_answers_401(mock: tuple[str, Path]) -> None:
    url, _ = mock
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{url}/enkelvoudiginformatieobjecten", timeout=30)
    assert refused.value.code == 401


def test_a_document_off_the_specification_is_refused_in_dutch(mock: tuple[str, Path]) -> None:
    url, log = mock
    client = ZgwClient(url, CONFIG.client_id, CONFIG.secret, timeout=30)
    document = {**bundle_documents()[0], "taal": "nederlands"}
    del document["titel"]
    with pytest.raises(ZgwRefused) as refused:
        client.create_document(document)
    assert refused.value.status == 400 and str(refused.value).startswith("De gemeente weigerde het verzoek (400)")
    assert any("taal" in line for line in violations(log))


def test_only_an_exact_identificatie_counts_and_no_token_leaves_for_another_host(mock: tuple[str, Path]) -> None:
    url, _ = mock
    client = ZgwClient(url, CONFIG.client_id, CONFIG.secret, timeout=30)
    # Prism's example list holds identificatie "string" and a next page on api.example.org.
    assert client.find_documents("MB-0123456789abcdef0123456789abcdef-pdf", RSIN) == []
    assert not client.same_origin("http://api.example.org/accounts/?page=4")


def test_a_server_that_ignores_the_filter_is_not_trusted() -> None:
    fake = FakeDocumenten(CONFIG.client_id, CONFIG.secret)
    try:
        client = ZgwClient(fake.url, CONFIG.client_id, CONFIG.secret, timeout=10)
        [document] = bundle_documents()[:1]
        client.create_document(dict(document))
        fake.ignore_filter = True
        other = document["identificatie"].replace("-pdf", "-png")
        assert client.find_documents(other, RSIN) == []  # the list holds a document, but not this one
        assert [d["identificatie"] for d in client.find_documents(document["identificatie"], RSIN)] == [
            document["identificatie"]
        ]
        wrong = ZgwClient(fake.url, CONFIG.client_id, "een ander geheim, even lang als het echte!", timeout=10)
        with pytest.raises(ZgwRefused) as refused:
            wrong.find_documents(other, RSIN)
        assert refused.value.status == 401 and "client-id en secret" in str(refused.value)
    finally:
        fake.close()
    with pytest.raises(ZgwUnavailable):  # the server is gone: worth trying again later
        client.find_documents(other, RSIN)


def test_the_jwt_is_hs256_with_the_zgw_claims() -> None:
    token = ZgwClient("http://x", CONFIG.client_id, CONFIG.secret).token()
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = jwt.decode(token, CONFIG.secret, algorithms=["HS256"])
    assert claims["iss"] == claims["client_id"] == CONFIG.client_id and claims["user_id"]
    assert abs(claims["iat"] - datetime.now(UTC).timestamp()) < 60


def test_invalid_params_in_dutch_and_the_zaken_api_from_the_zaak_url() -> None:
    text = invalid_params_tekst([
        {"name": "titel", "code": "max_length", "reason": "Ensure this field has no more than 200 characters."},
        {"name": "bronorganisatie", "code": "invalid", "reason": "Onjuist RSIN."},
        {"name": "nonFieldErrors", "code": "iets-nieuws", "reason": "Iets anders."},
    ])  # fmt: skip
    assert text.startswith("titel is te lang (Ensure") and "bronorganisatie is ongeldig (Onjuist RSIN.)" in text
    assert "nonFieldErrors: Iets anders." in text
    assert zaken_api_root("https://oz.example.nl/zaken/api/v1/zaken/3f1c") == "https://oz.example.nl/zaken/api/v1"
    problems = ZgwConfig(url="ftp://x", rsin="12", vertrouwelijkheid="geheimpje").problems()
    assert "url moet met http:// of https:// beginnen" in problems and "rsin moet uit 9 cijfers bestaan" in problems
    assert "client-id ontbreekt" in problems and any(p.startswith("vertrouwelijkheid moet") for p in problems)
    assert ZgwConfig(**{**CONFIG.__dict__, "url": "https://dms.example.nl/documenten/api/v1"}).problems() == []
