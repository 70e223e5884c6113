"""The history keeps trajecten apart (board/traject.py, board/verloop.py): a vervolgmeting is
numbered within its own traject, only metingen of one traject are compared, and the verloop
places each meting at its date with one line per traject and a marker at each afsluiting."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from board import Meting
from board.traject import Afsluitreden, afsluiten, kies, nummer_in_traject, te_vergelijken, zelfde_traject
from board.verloop import AFSTAND, tijd_as


def _afgerond(meting: Meting) -> Meting:
    return meting.place_fiche("geld", "inwoner", 0.4).afronden(datetime.combine(meting.datum, datetime.min.time()))


def twee_trajecten(nieuw: tuple[date, ...] = (date(2026, 10, 7),)) -> tuple[list[Meting], list]:
    """0-meting, two vervolgmetingen, afgesloten; then a new traject with a meting on each of ``nieuw``."""
    nul = _afgerond(Meting.nulmeting("i", date(2025, 1, 6), meting_id="a0").choose("geld"))
    een = _afgerond(nul.vervolg(date(2025, 4, 7), meting_id="a1"))
    twee = _afgerond(een.vervolg(date(2025, 7, 7), meting_id="a2"))
    history = [nul, een, twee]
    afsluiting = afsluiten(history, (), date(2025, 8, 1), Afsluitreden.DOELEN_BEREIKT, datetime(2025, 8, 1, 9))
    meting = _afgerond(Meting.nulmeting("i", nieuw[0], meting_id="b0", volgnummer=3).choose("geld"))
    history.append(meting)
    for index, dag in enumerate(nieuw[1:], start=1):
        meting = _afgerond(meting.vervolg(dag, meting_id=f"b{index}"))
        history.append(meting)
    return history, [afsluiting]


def test_a_vervolgmeting_is_numbered_within_its_own_traject() -> None:
    history, _a = twee_trajecten((date(2026, 10, 7), date(2027, 1, 7)))
    assert [m.volgnummer for m in history] == [0, 1, 2, 3, 4]  # unique over the whole history
    assert [nummer_in_traject(history, m) for m in history] == [0, 1, 2, 0, 1]  # "vervolgmeting 1", not 4
    # Without the meting in the history given (a new concept): counted from its traject's 0-meting.
    nieuw = history[-1].vervolg(date(2027, 5, 3))
    assert nummer_in_traject(history, nieuw) == 2


def test_only_metingen_of_one_traject_are_compared() -> None:
    history, _a = twee_trajecten()
    assert te_vergelijken(history) == ["b0"]  # a new traject's 0-meting alone: not with a2
    assert te_vergelijken(history[:3]) == ["a1", "a2"]
    assert zelfde_traject(history, "a0", "a2") and not zelfde_traject(history, "a2", "b0")
    assert kies(history, ["b0"], "a2") == ["a2"]  # another traject: a new choice
    assert kies(history, ["a2"], "a0") == ["a2", "a0"]
    assert kies(history, ["a2", "a0"], "a1") == ["a0", "a1"]  # the older of two goes
    assert kies(history, ["a2", "a0"], "a2") == ["a0"]  # a chosen one goes off
    assert kies(history, ["a2", "a0"], "b0") == ["b0"]


def test_the_axis_places_metingen_by_date_and_breaks_at_the_afsluiting() -> None:
    history, afsluitingen = twee_trajecten((date(2026, 10, 7), date(2027, 1, 7)))
    axis = tijd_as(history, afsluitingen)
    assert axis.lijnen == ((0, 1, 2), (3, 4))  # one line per traject: none from a2 to b0
    assert axis.plaatsen[0] == 0 and axis.plaatsen[-1] == 1
    # By date within a traject, before and after the room given: 91 days, 91 days, 92 days.
    three = axis.plaatsen[1] - axis.plaatsen[0]
    assert (axis.plaatsen[2] - axis.plaatsen[1]) / three == pytest.approx(91 / 91)
    assert (axis.plaatsen[4] - axis.plaatsen[3]) / three == pytest.approx(92 / 91)
    # The 15-month gap (the afsluiting's traject to the new one) is five times the 3-month steps,
    # and a little more: the afsluiting, 25 days after a2, is given AFSTAND of room.
    gap = axis.plaatsen[3] - axis.plaatsen[2]
    assert 4.8 < gap / three < 5.3
    [marker] = axis.afsluitingen
    assert axis.plaatsen[2] < marker < axis.plaatsen[3]
    assert abs(marker - axis.plaatsen[2] - AFSTAND) < 1e-6  # 25 days were less than the room
    assert axis.plaatsen[3] - marker > AFSTAND


def test_the_axis_is_by_date_where_the_afsluiting_has_room() -> None:
    history, _afsluitingen = twee_trajecten((date(2026, 10, 7), date(2027, 1, 7)))
    roomy = [afsluiten(history[:3], (), date(2025, 10, 1), Afsluitreden.DOELEN_BEREIKT, datetime(2025, 10, 1, 9))]
    axis = tijd_as(history, roomy)
    first, last = date(2025, 1, 6).toordinal(), date(2027, 1, 7).toordinal()
    expected = [(m.datum.toordinal() - first) / (last - first) for m in history]
    assert axis.plaatsen == pytest.approx(expected)
    assert axis.afsluitingen == pytest.approx(((date(2025, 10, 1).toordinal() - first) / (last - first),))


@pytest.mark.parametrize("dagen", [0, 1, 3], ids=lambda d: f"{d} days apart")
def test_closed_and_begun_again_on_one_day_the_marker_stands_apart_from_both(dagen: int) -> None:
    """A traject closed on the day of its last meting and a new 0-meting the same day (or a day
    or three later), the usual order in one visit: the old traject's last point, the marker and
    the new start each at least AFSTAND apart, in that order."""
    nul = _afgerond(Meting.nulmeting("i", date(2025, 1, 6), meting_id="a0").choose("geld"))
    een = _afgerond(nul.vervolg(date(2025, 6, 2), meting_id="a1"))
    sluit = afsluiten([nul, een], (), date(2025, 6, 2), Afsluitreden.DOELEN_BEREIKT, datetime(2025, 6, 2, 12))
    nieuw = _afgerond(Meting.nulmeting("i", date(2025, 6, 2) + timedelta(days=dagen), meting_id="b0",
                                       volgnummer=2).choose("geld"))
    axis = tijd_as([nul, een, nieuw], [sluit])
    [marker] = axis.afsluitingen
    a0, a1, b0 = axis.plaatsen
    assert a0 == 0 and b0 == 1
    assert marker - a1 >= AFSTAND - 1e-9 and b0 - marker >= AFSTAND - 1e-9
    assert a1 < marker < b0
    assert axis.lijnen == ((0, 1), (2,))


def test_the_axis_runs_to_an_afsluiting_after_the_last_meting_and_one_day_sits_in_the_middle() -> None:
    history, afsluitingen = twee_trajecten()
    closed = history[:3]
    axis = tijd_as(closed, afsluitingen)
    assert axis.afsluitingen == (1.0,) and axis.plaatsen[-1] < 1
    alone = tijd_as(history[:1])
    assert alone.plaatsen == (0.5,) and alone.lijnen == ((0,),) and alone.afsluitingen == ()
    assert tijd_as([]).plaatsen == ()
    # All on one day: the 0-meting, its afsluiting and the new 0-meting; the marker midway.
    nul = _afgerond(Meting.nulmeting("i", date(2025, 3, 3), meting_id="c0").choose("geld"))
    sluit = afsluiten([nul], (), date(2025, 3, 3), Afsluitreden.DOELEN_BEREIKT, datetime(2025, 3, 3, 12))
    again = _afgerond(Meting.nulmeting("i", date(2025, 3, 3), meting_id="d0", volgnummer=1).choose("geld"))
    one_day = tijd_as([nul, again], [sluit])
    assert one_day.plaatsen == (0, 1) and one_day.afsluitingen == (0.5,)


def test_plaats_counts_within_the_traject_from_the_begins() -> None:
    from board.traject import Plaats, plaats

    assert [plaats([0, 3], n) for n in range(6)] == [
        Plaats(0, 0), Plaats(0, 1), Plaats(0, 2), Plaats(1, 0), Plaats(1, 1), Plaats(1, 2)]
    assert plaats([], 2) == Plaats(0, 2)  # a record of an older tablet: the volgnummer


# ----- the exports: the bundle (snapshot, dossier, manifest, FHIR) and the inzage -----------------

def _repository_with_two_trajecten(tmp_path: object) -> tuple[object, object, list[Meting]]:
    from board import Inwoner
    from services.traject import sluit_traject
    from services.visit import open_storage

    repository = open_storage(f"sqlite:///{tmp_path / 'db.sqlite3'}", b"\1" * 32, "professional")
    inwoner = Inwoner.create("D-EXP", "Stratum")
    repository.add_inwoner(inwoner)
    history, _a = twee_trajecten((date(2026, 10, 7), date(2027, 1, 7)))
    history = [m.__class__(**{**m.__dict__, "inwoner_id": inwoner.id}) for m in history]
    for meting in history[:3]:
        repository.add_meting(meting)
    sluit_traject(repository, inwoner.id, "doelen bereikt", date(2025, 8, 1), datetime(2025, 8, 1, 9))
    for meting in history[3:]:
        repository.add_meting(meting)
    return repository, inwoner, history


def test_the_bundle_of_a_later_traject_names_its_own_traject(tmp_path: object) -> None:
    import io
    import json

    from exports.bundle import read_bundle
    from exports.snapshot import snapshot_png
    from services.export import export_meting
    from storage.outbox import outbox_seal
    from tests.pdftekst import all_text

    repository, inwoner, history = _repository_with_two_trajecten(tmp_path)
    out = tmp_path / "uit"
    out.mkdir()
    b0, b1 = history[3:]
    files = read_bundle(export_meting(repository, b1, out), outbox_seal(repository))
    manifest = json.loads(files["manifest.json"])
    assert manifest["meting"]["volgnummer"] == 4
    assert (manifest["meting"]["traject"], manifest["meting"]["nummer_in_traject"]) == (1, 1)
    dossier = all_text(files["dossier.pdf"])
    assert "vervolgmeting 1" in dossier and "vervolgmeting 4" not in dossier
    # The snapshot's header says "Vervolgmeting 1" (drawn as the renderer draws that title).
    assert files["snapshot.png"] == snapshot_png(b1, inwoner, nummer=1) != snapshot_png(b1, inwoner)
    from pypdf import PdfReader

    from services.koelkastblad import sheet
    from tests.pdftekst import reader

    assert reader(files["koelkastblad.pdf"]).metadata.subject.startswith("Mijn doelen, vervolgmeting 1, ")
    name, data = sheet(repository, b1.id)  # saved or printed from the afronden screen
    assert name.endswith("-vervolgmeting-1.pdf") and "vervolgmeting 1" in PdfReader(io.BytesIO(data)).metadata.subject
    response = json.loads(files["fhir-questionnaireresponse.json"])
    [link] = response["extension"]
    assert link["valueReference"]["identifier"]["value"] == f"{inwoner.id}-1"  # the new traject's episode
    files = read_bundle(export_meting(repository, b0, out), outbox_seal(repository))
    dossier = all_text(files["dossier.pdf"])
    assert "nieuw traject" in dossier and "Leefgebied Vorige Nu" not in dossier
    assert json.loads(files["manifest.json"])["meting"]["traject"] == 1
    repository.close()


def test_the_inzage_numbers_within_each_traject_and_keeps_the_trajecten_apart(tmp_path: object) -> None:
    import json

    from pypdf import PdfReader

    from services.inzage import export_inwoner

    repository, _inwoner, history = _repository_with_two_trajecten(tmp_path)
    written = {p.name: p for p in export_inwoner(repository, "D-EXP", tmp_path / "inzage")}
    titles = [PdfReader(written[f"meting-{m.volgnummer:02d}-{m.datum.isoformat()}.pdf"]).metadata.title
              for m in history]
    assert [t.split(": ")[1].split(" van ")[0] for t in titles] == [
        "0-meting", "vervolgmeting 1", "vervolgmeting 2", "0-meting", "vervolgmeting 1"]
    gegevens = json.loads(written["gegevens.json"].read_text())
    assert [t["metingen"] for t in gegevens["trajecten"]] == [[m.id for m in history[:3]], [m.id for m in history[3:]]]
    assert [t["eind"] for t in gegevens["trajecten"]] == ["2025-08-01", None]
    episodes = [json.loads(written[f"fhir-episodeofcare-0{n}.json"].read_text()) for n in (0, 1)]
    assert [e["status"] for e in episodes] == ["finished", "active"]
    assert episodes[0]["period"] == {"start": "2025-01-06", "end": "2025-08-01"}
    repository.close()
