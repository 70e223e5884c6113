"""Leefgebiedensets are data: the shipped ones load, broken ones say which file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from board import LeefgebiedenSetError, available_sets, load_set, load_set_file

VALID_ENTRY = """
[[leefgebied]]
key = "geld"
naam = "Geld"
pictogram = "geld"
vragen = ["Kun je rondkomen?", "Heb je schulden?"]
"""


def write_set(tmp_path: Path, body: str, name: str = "proef") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(f'naam = "{name}"\ntitel = "Proef"\nversie = 1\n' + body, encoding="utf-8")
    return path


def test_shipped_sets_load() -> None:
    assert {"volwassenen", "jeugd"} <= set(available_sets())
    volwassenen = load_set("volwassenen")
    assert len(volwassenen.leefgebieden) == 14
    assert [lg.naam for lg in volwassenen.leefgebieden][:3] == ["Wonen", "Huishouden", "Geld"]
    assert "Wat maakt jou gelukkig?" in volwassenen["zingeving"].vragen
    jeugd = load_set("jeugd")
    assert 10 <= len(jeugd.leefgebieden) <= 14


@pytest.mark.parametrize("name", ["volwassenen", "jeugd"])
def test_every_pictogram_exists(name: str) -> None:
    for lg in load_set(name).leefgebieden:
        assert lg.pictogram_path.is_file(), lg.pictogram_path


def test_duplicate_key_names_file_and_field(tmp_path: Path) -> None:
    path = write_set(tmp_path, VALID_ENTRY + VALID_ENTRY)
    with pytest.raises(LeefgebiedenSetError) as err:
        load_set_file(path)
    assert str(path) in str(err.value)
    assert "'key'" in str(err.value) and "dubbel" in str(err.value)


def test_empty_name_names_file_and_field(tmp_path: Path) -> None:
    path = write_set(tmp_path, VALID_ENTRY.replace('naam = "Geld"', 'naam = "  "'))
    with pytest.raises(LeefgebiedenSetError) as err:
        load_set_file(path)
    assert str(path) in str(err.value) and "'naam'" in str(err.value)


def test_unknown_field_names_file_and_field(tmp_path: Path) -> None:
    path = write_set(tmp_path, VALID_ENTRY.replace('pictogram = "geld"', 'pictogram = "geld"\nkleur = "rood"'))
    with pytest.raises(LeefgebiedenSetError) as err:
        load_set_file(path)
    assert str(path) in str(err.value) and "'kleur'" in str(err.value)


def test_broken_toml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text("naam = \n[[", encoding="utf-8")
    with pytest.raises(LeefgebiedenSetError, match="geen leesbare TOML"):
        load_set_file(path)


def test_unknown_set_lists_the_available_ones() -> None:
    with pytest.raises(LeefgebiedenSetError, match="volwassenen"):
        load_set("bestaat_niet")
