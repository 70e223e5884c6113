"""Android's TextToSpeech through pyjnius, with the inwoner's Locale (services/voorlezen.py uses
it on the tablet only; this module imports jnius, which exists only there).

What the Android API asks for, and how it is met here:

- The engine binds to its service asynchronously: until ``OnInitListener.onInit(SUCCESS)``
  ``isLanguageAvailable`` answers LANG_NOT_SUPPORTED and ``speak`` fails ("not bound to TTS
  engine"). So the engine is made early (``start``, when the app shows the list) and every
  question before onInit answers "no voice": the recorded clip or nothing, never a guess.
- onInit asks ``isLanguageAvailable`` once per language and keeps the answers (>= 0:
  LANG_AVAILABLE, LANG_COUNTRY_AVAILABLE, LANG_COUNTRY_VAR_AVAILABLE; -1 LANG_MISSING_DATA
  and -2 LANG_NOT_SUPPORTED: no voice).
- The engine is made on Android's main (UI) thread, through ``Activity.runOnUiThread``: the
  docs call the listener on the main thread, and on a failure the listener "may be called
  immediately, before the TextToSpeech instance is fully constructed". Made there, its
  construction and its onInit run on one thread, one after the other (Kivy's own thread, the
  SDL thread, has no Looper). ``AndroidStem`` itself, with its listener and Runnable, is made
  on Kivy's thread (services/voorlezen.py): pyjnius finds the app's own classes
  (PythonActivity, its invocation handler behind every listener) from a thread Java started,
  not from a Python thread (python-for-android issue 2242). The Kivy thread then asks
  ``setLanguage``/``speak``/``stop``: TextToSpeech's calls are binder calls, allowed from any thread.
- pyjnius keeps no reference for Java to a ``PythonJavaClass``: the listener and the Runnable
  are held here (a collected one crashes the app when Java calls it).
- ``speak`` has two overloads (API 4's ``(String, int, HashMap)`` and API 21's
  ``(CharSequence, int, Bundle, String)``); pyjnius chooses between overloads by scoring the
  arguments, and a Python str scores -1 for a CharSequence parameter (jnius_utils.pxi,
  ``calculate_score``): the text is cast to CharSequence. Minimum API is 24 (buildozer.spec).
- Before each speak the inwoner's Locale is set and its answer checked: a refusal (< 0) is no
  voice, never the previous inwoner's language.

Tested against a fake of this API (tests/test_voorlezen_android.py), not yet on a device.
"""

from __future__ import annotations

from collections.abc import Callable

from jnius import PythonJavaClass, autoclass, cast, java_method

from board.taal import TALEN

SUCCESS = 0  # TextToSpeech.SUCCESS (onInit's status, speak's answer)
QUEUE_FLUSH = 0  # TextToSpeech.QUEUE_FLUSH: what was being said stops
UTTERANCE = "magneetbord"

# Found once, on Kivy's thread (services/voorlezen.py imports this module there); pyjnius keeps them.
Locale = autoclass("java.util.Locale")
JavaString = autoclass("java.lang.String")
TextToSpeech = autoclass("android.speech.tts.TextToSpeech")
PythonActivity = autoclass("org.kivy.android.PythonActivity")


class _InitListener(PythonJavaClass):
    __javainterfaces__ = ("android/speech/tts/TextToSpeech$OnInitListener",)

    def __init__(self, done: Callable[[int], None]) -> None:
        super().__init__()
        self.done = done

    @java_method("(I)V")
    def onInit(self, status: int) -> None:
        self.done(status)


class _Runnable(PythonJavaClass):
    __javainterfaces__ = ("java/lang/Runnable",)

    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self.work = work

    @java_method("()V")
    def run(self) -> None:
        self.work()


class AndroidStem:
    """One TextToSpeech engine for the app's life; ``voices`` holds onInit's answers."""

    def __init__(self) -> None:
        self.engine = None
        self.status: int | None = None  # onInit's status; None: not called yet
        self.voices: dict[str, bool] = {}  # per language: the engine has its voice
        self._listener = _InitListener(self._initialised)  # held: see the module's docstring
        self._runnable: _Runnable | None = None

    def start(self) -> None:
        """Make the engine on the main thread (once)."""
        if self._runnable is None:
            self._runnable = _Runnable(self._create)
            PythonActivity.mActivity.runOnUiThread(self._runnable)

    def _create(self) -> None:
        self.engine = TextToSpeech(PythonActivity.mActivity, self._listener)
        self._ask()  # in case onInit came within the constructor

    def _initialised(self, status: int) -> None:
        self.status = status
        self._ask()

    def _ask(self) -> None:
        if self.engine is not None and self.status == SUCCESS and not self.voices:
            self.voices = {t.code: self.engine.isLanguageAvailable(Locale(t.code)) >= 0 for t in TALEN}

    def has(self, taal: str) -> bool:
        return self.voices.get(taal, False)

    def speak(self, text: str, taal: str) -> bool:
        """Say ``text`` with ``taal``'s voice; False: not said (no voice, or it was refused)."""
        if not self.has(taal) or self.engine.setLanguage(Locale(taal)) < 0:
            return False
        text = cast("java.lang.CharSequence", JavaString(text))
        return self.engine.speak(text, QUEUE_FLUSH, None, UTTERANCE) == SUCCESS

    def stop(self) -> None:
        if self.voices:
            self.engine.stop()

    def shutdown(self) -> None:
        if self.engine is not None:
            self.voices = {}
            self.engine.shutdown()
            self.engine = None
