"""The export core behind `python3 main.py export` (services.export), and its progress line (cli.export)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.export import print_progress
from exports.bundle import verify_bundle
from samples import voorbeelden
from services.export import export_metingen


def test_many_metingen_are_exported_with_progress(tmp_path: Path) -> None:
    inwoner, nul = voorbeelden.inwoner(), voorbeelden.nulmeting()
    vervolg = voorbeelden.vervolgmeting(nul)
    seen: list[tuple[int, int, str]] = []
    folders = export_metingen(
        iter([(inwoner, nul, None), (inwoner, vervolg, nul)]),
        tmp_path,
        progress=lambda done, total, folder: seen.append((done, total, folder.name)),
    ).folders
    assert [f.name for f in folders] == ["2026-03-02_meting-0", "2026-06-01_meting-1"]
    assert all(verify_bundle(f) for f in folders)
    assert seen == [(1, 2, "2026-03-02_meting-0"), (2, 2, "2026-06-01_meting-1")]


def test_the_progress_line_is_rewritten_in_place_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    print_progress(1, 3, Path("a"))
    print_progress(3, 3, Path("c"))
    err = capsys.readouterr().err
    assert err.startswith("\rExporteren: 1 van 3 (a)")
    assert err.endswith("Exporteren: 3 van 3 (c)\x1b[K\n")


def test_to_a_pipe_or_file_the_progress_is_plain_lines(capsys: pytest.CaptureFixture[str]) -> None:
    print_progress(1, 3, Path("a"))
    print_progress(3, 3, Path("c"))
    assert capsys.readouterr().err == "Exporteren: 1 van 3 (a)\nExporteren: 3 van 3 (c)\n"


def test_an_error_is_said_in_dutch_and_the_others_go_on(tmp_path: Path) -> None:
    inwoner, nul = voorbeelden.inwoner(), voorbeelden.nulmeting()
    concept = voorbeelden.met_doelen(1)
    vervolg = voorbeelden.vervolgmeting(nul)
    result = export_metingen([(inwoner, nul, None), (inwoner, concept, None), (inwoner, vervolg, nul)], tmp_path)
    assert [f.name for f in result.folders] == ["2026-03-02_meting-0", "2026-06-01_meting-1"]
    ((item, why),) = result.failed
    assert item[1] is concept and "afgeronde meting" in why
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-03-02_meting-0", "2026-06-01_meting-1"]
