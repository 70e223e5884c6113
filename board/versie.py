"""The app's version, as ``pyproject.toml`` and ``buildozer.spec`` give it (a test keeps the
three the same): the app is not installed as a package on the tablet, so it is not read from
package metadata."""

VERSIE = "0.1.0"
