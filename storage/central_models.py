"""The gemeente's central monitor database: its own tables, MetaData and migrations.

It holds monitor records only (no inwoners, no text): one ``monitor_record`` row per
record, one ``monitor_record_leefgebied`` row per chosen leefgebied (a "fiche row") and one
``monitor_record_doel`` row per doel, so the figures are counted by SQL over real rows.
``record_id`` is unique: a record sent twice is stored once. The child rows point at an
integer ``nr`` rather than the 64-character record id, which keeps the million fiche rows
small and their joins cheap. Positions are integer thousandths of the bar, as exact as the
record (``POSITIE_DECIMALEN``) and exact to compare in SQL.

Derived columns (revision c002, filled by ``storage.central_derive`` in the transaction that
stores the records) carry each record's place in its inwoner's history, so the figures are
single-pass GROUP BYs over narrow integers: ``inwoner_nr`` (one ``monitor_inwoner`` row per
pseudonym and set), ``kw`` (the quarter as year * 10 + quarter), ``pos`` (1, 2, ... in history
order), ``nul_nr`` and ``nul_cijfer`` (the inwoner's 0-meting), per vervolgmeting how many
leefgebieden went better / worse / were compared with the 0-meting, and per fiche row its
change since the 0-meting (``verschil``, thousandths).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from board.meting_waarden import Evaluatie, MetingSoort
from board.traject import Afsluitreden
from storage.models import NAMING_CONVENTION, IsoDateTime, one_of

DUIZENDSTE = 1000  # positions are stored as thousandths of the bar


class CentralBase(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class CentraleRow(CentralBase):
    """One row: this central database's own random id. A tablet remembers per id which
    records it has sent, so a test database and the real one are never confused."""

    __tablename__ = "monitor_centrale"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(IsoDateTime)


class InwonerRow(CentralBase):
    """One row per pseudonym and leefgebiedenset: an integer to partition the history by."""

    __tablename__ = "monitor_inwoner"
    __table_args__ = (sa.UniqueConstraint("set_naam", "pseudoniem"),)

    nr: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    set_naam: Mapped[str] = mapped_column(sa.String(60))
    pseudoniem: Mapped[str] = mapped_column(sa.String(64))


class RecordRow(CentralBase):
    __tablename__ = "monitor_record"
    __table_args__ = (
        sa.CheckConstraint(one_of("soort", MetingSoort), name="soort"),
        # The 0-meting, and only it, has volgnummer 0: the counts rely on it sorting first.
        sa.CheckConstraint(
            "(soort = 'nulmeting' AND volgnummer = 0) OR (soort = 'vervolgmeting' AND volgnummer > 0)",
            name="volgnummer",
        ),
        sa.CheckConstraint("rapportcijfer BETWEEN 1 AND 10", name="rapportcijfer"),
        sa.CheckConstraint("length(maand) = 7", name="maand"),
        # The figures partition by inwoner in history order, within one leefgebiedenset.
        sa.Index("ix_monitor_record_historie", "set_naam", "pseudoniem", "volgnummer", "maand", "record_id"),
        sa.Index("ix_monitor_record_inwoner", "inwoner_nr", "pos"),
    )

    nr: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    pseudoniem: Mapped[str] = mapped_column(sa.String(64))
    wijk: Mapped[str] = mapped_column(sa.String(60))
    maand: Mapped[str] = mapped_column(sa.String(7))
    soort: Mapped[str] = mapped_column(sa.String(20))
    volgnummer: Mapped[int] = mapped_column(sa.Integer)
    set_naam: Mapped[str] = mapped_column(sa.String(60))
    set_versie: Mapped[int] = mapped_column(sa.Integer)
    rapportcijfer: Mapped[int | None] = mapped_column(sa.Integer)
    # derived (see the module docstring); None until derived, or when there is no 0-meting
    inwoner_nr: Mapped[int | None] = mapped_column(sa.Integer)  # monitor_inwoner.nr
    kw: Mapped[int | None] = mapped_column(sa.Integer)
    pos: Mapped[int | None] = mapped_column(sa.Integer)
    nul_nr: Mapped[int | None] = mapped_column(sa.Integer)
    nul_cijfer: Mapped[int | None] = mapped_column(sa.Integer)
    n_beter: Mapped[int | None] = mapped_column(sa.Integer)
    n_slechter: Mapped[int | None] = mapped_column(sa.Integer)
    n_vergeleken: Mapped[int | None] = mapped_column(sa.Integer)
    # since revision c004: the inwoner's traject (0: the first); volgnummer counts within it
    traject: Mapped[int] = mapped_column(sa.Integer, server_default="0")
    # since revision c005: the month the record counts in (``maand``, unless it arrived after its
    # quarter or year was vastgesteld: then its verwerkingskwartaal, ``board.perioden.verwerkingsmaand``)
    telmaand: Mapped[str | None] = mapped_column(sa.String(7))


class RecordLeefgebiedRow(CentralBase):
    __tablename__ = "monitor_record_leefgebied"
    __table_args__ = (
        sa.CheckConstraint("rang >= 1", name="rang"),
        sa.CheckConstraint(f"positie BETWEEN 0 AND {DUIZENDSTE}", name="positie"),
    )

    record_nr: Mapped[int] = mapped_column(
        sa.ForeignKey("monitor_record.nr", ondelete="CASCADE"), primary_key=True
    )
    leefgebied: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    rang: Mapped[int] = mapped_column(sa.Integer)  # 1 = most important
    positie: Mapped[int] = mapped_column(sa.Integer)  # thousandths: 0 (sad) .. 1000 (happy)
    verschil: Mapped[int | None] = mapped_column(sa.Integer)  # derived: vervolgmeting minus 0-meting


class RecordDoelRow(CentralBase):
    __tablename__ = "monitor_record_doel"
    __table_args__ = (sa.CheckConstraint(one_of("evaluatie", Evaluatie), name="evaluatie"),)

    record_nr: Mapped[int] = mapped_column(
        sa.ForeignKey("monitor_record.nr", ondelete="CASCADE"), primary_key=True
    )
    volgorde: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    leefgebied: Mapped[str] = mapped_column(sa.String(60))
    evaluatie: Mapped[str | None] = mapped_column(sa.String(20))  # None: set in this meting
    # since revision c004: who takes its acties, one bit per Uitvoerder (monitor_2_trajecten.ACTOR_BITS);
    # None: not known (a version 1 record)
    actoren: Mapped[int | None] = mapped_column(sa.Integer)


class AfsluitingRow(CentralBase):
    """Since revision c004: the end of a traject (``board.monitor_1_record.AfsluitingRecord``)."""

    __tablename__ = "monitor_afsluiting"
    __table_args__ = (
        sa.CheckConstraint(one_of("reden", Afsluitreden), name="reden"),
        sa.CheckConstraint("length(begin_maand) = 7 AND length(eind_maand) = 7", name="maand"),
        sa.Index("ix_monitor_afsluiting_pseudoniem", "pseudoniem", "traject"),
    )

    nr: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    pseudoniem: Mapped[str] = mapped_column(sa.String(64))
    wijk: Mapped[str] = mapped_column(sa.String(60))
    traject: Mapped[int] = mapped_column(sa.Integer)
    begin_maand: Mapped[str] = mapped_column(sa.String(7))
    eind_maand: Mapped[str] = mapped_column(sa.String(7))
    reden: Mapped[str] = mapped_column(sa.String(40))
    # since revision c005: the month the end counts in (``eind_maand``, or later: ``RecordRow.telmaand``)
    telmaand: Mapped[str | None] = mapped_column(sa.String(7))


class TrajectRow(CentralBase):
    """Since revision c004, derived (``central_derive``, at sync time): one row per traject of an
    inwoner, so caseload, in- and uitstroom and doorlooptijden are GROUP BYs over small rows."""

    __tablename__ = "monitor_traject"

    inwoner_nr: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    traject: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    wijk: Mapped[str] = mapped_column(sa.String(60))
    begin_maand: Mapped[str | None] = mapped_column(sa.String(7))
    eerste_vervolg_maand: Mapped[str | None] = mapped_column(sa.String(7))
    eind_maand: Mapped[str | None] = mapped_column(sa.String(7))
    reden: Mapped[str | None] = mapped_column(sa.String(40))
    nul_nr: Mapped[int | None] = mapped_column(sa.Integer)  # the traject's 0-meting
    laatste_nr: Mapped[int | None] = mapped_column(sa.Integer)  # its last meting
    meer: Mapped[int] = mapped_column(sa.Integer, server_default="0")  # 1: the inwoner has other trajecten


class WisverzoekRow(CentralBase):
    """Since revision c003: an inwoner erased on a tablet (AVG art. 17). Their records are
    deleted; this row keeps only when, how many, and a SHA-256 of the pseudonym (not the
    pseudonym), so the erasure itself can be shown and a record of it arriving late refused."""

    __tablename__ = "monitor_wisverzoek"

    vingerafdruk: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    records: Mapped[int] = mapped_column(sa.Integer)
    ontvangen_op: Mapped[datetime] = mapped_column(IsoDateTime)


class AuditAnkerRow(CentralBase):
    """Since revision c003: the head of a tablet's audit chain as each sync brought it. A new
    head is stored only when it extends the last one (``storage.central_trust``)."""

    __tablename__ = "monitor_audit_anker"

    tablet_id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(sa.String(64))
    ontvangen_op: Mapped[datetime] = mapped_column(IsoDateTime)


class VaststellingRow(CentralBase):
    """Since revision c005: a grid period's figures as first reported (``storage.central_vaststelling``).
    A later report of the period shows exactly these cells, or is refused; a record of the
    period that arrives later counts in a later quarter (``RecordRow.telmaand``)."""

    __tablename__ = "monitor_vaststelling"

    set_naam: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    van: Mapped[str] = mapped_column(sa.String(7), primary_key=True)
    tot: Mapped[str] = mapped_column(sa.String(7), primary_key=True)
    vastgesteld_op: Mapped[datetime] = mapped_column(IsoDateTime)
    max_nr: Mapped[int] = mapped_column(sa.Integer)  # the highest monitor_record.nr then (0: none)
    cellen: Mapped[str] = mapped_column(sa.Text)  # JSON: [tabel, gebied, rij, kolom, zichtbaarheid, waarde, inwoners]


class TelPeriodeRow(CentralBase):
    """Since revision c006: a grid period (of one leefgebiedenset) whose counts are kept at
    sync time (``storage.central_bijhouden``) in ``monitor_tel_cel`` and ``monitor_tel_verdeling``."""

    __tablename__ = "monitor_tel_periode"
    __table_args__ = (sa.UniqueConstraint("set_naam", "van", "tot"),)

    nr: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    set_naam: Mapped[str] = mapped_column(sa.String(60))
    van: Mapped[str] = mapped_column(sa.String(7))
    tot: Mapped[str] = mapped_column(sa.String(7))


class _TelSleutel:
    """The key of a kept count: its period, and the cell of ``Tellingen`` (tabel, wijk, rij, kolom)."""

    periode_nr: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    tabel: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    wijk: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    rij: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    kolom: Mapped[str] = mapped_column(sa.String(40), primary_key=True)


class TelCelRow(_TelSleutel, CentralBase):
    """Since revision c006: one count of a kept period (``Tellingen.aantallen``: value and
    inwoners), a sum over inwoners. Tabel '' counts per wijk what puts the wijk in the report."""

    __tablename__ = "monitor_tel_cel"

    n: Mapped[int] = mapped_column(sa.Integer)
    inwoners: Mapped[int] = mapped_column(sa.Integer)


class TelVerdelingRow(_TelSleutel, CentralBase):
    """Since revision c006: one histogram of a kept period (``Tellingen.verdelingen``): its bars
    as JSON pairs [waarde, n], sorted (JSON keeps a whole number whole and a double exact)."""

    __tablename__ = "monitor_tel_verdeling"

    staven: Mapped[str] = mapped_column(sa.Text)
