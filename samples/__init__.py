"""Sample data, never real people, in one place outside the production domain: the demo's
inwoners (``voorbeeld``), example boards (``voorbeeld_bord``), reference metingen for the
exports (``voorbeelden``), monitor records for the example report (``monitor_voorbeeld``) and
a crafted tablet for the monitor screen (``monitor_data``). Built through ``board/``'s own
operations, so every sample is valid; imports nothing of ours but ``board/``."""
