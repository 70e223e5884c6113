"""Subcommands that wire storage and exports together (like main.py, and unlike them
importing both): each module registers itself through ``main.COMMAND_MODULES``."""
