"""The application layer: one function or small class per use case (open a visit, afronden
and export, inzage and erasure, sync, the monitor report, demo, audit verify, the outbox).

The kiosk's screens and the command line call only this layer; it asks ``storage/`` for
``board/`` objects, hands them to the renderers in ``exports/`` and writes the audit entries.
"""
