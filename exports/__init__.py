"""Renderers: snapshot (Pillow), koelkastblad (ReportLab), dossier bundle, monitor report.

They read board/ objects, never widgets.
"""
