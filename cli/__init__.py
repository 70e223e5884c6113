"""The command line: argparse wiring of every subcommand, in one place. Each subcommand
parses its arguments, calls one use case in ``services/`` and prints its outcome."""
