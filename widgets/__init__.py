"""Kivy: the board widget, its screens and .kv files. Draws what board/ says."""
