"""A fake ``jnius`` module with the part of Android's API the read-aloud uses, behaving as its
documentation says (there is no device or emulator here):

- ``TextToSpeech(context, listener)`` binds to the engine asynchronously: the binding and
  ``OnInitListener.onInit(status)`` happen later, on the main thread (``Android.run_main``,
  driven by the test). Until then ``isLanguageAvailable`` and ``setLanguage`` answer
  LANG_NOT_SUPPORTED (-2), ``speak`` and ``stop`` ERROR ("not bound to TTS engine").
- ``isLanguageAvailable(Locale)`` and ``setLanguage(Locale)`` answer per language as the test
  configures (``Android.voices``; a language not listed: LANG_NOT_SUPPORTED); ``setLanguage``
  may refuse a language that ``isLanguageAvailable`` accepted (``Android.refuse``: the voice
  data went away since).
- ``speak`` records (text, the language set at that moment, queue mode, utterance id). It has
  two overloads, so pyjnius chooses by the arguments' scores, and a Python str scores -1 for a
  CharSequence (jnius_utils.pxi, calculate_score): a str is refused as pyjnius refuses it.
- A ``PythonJavaClass`` is held by Java without a reference (pyjnius passes the object's
  address to its invocation handler): this fake holds it weakly, and calling a collected
  one fails the test (on a device the app crashes).
- ``Activity.runOnUiThread(runnable)`` runs the Runnable later on the main thread.
"""

from __future__ import annotations

import threading
import types
import weakref
from collections.abc import Callable

SUCCESS, ERROR = 0, -1
LANG_COUNTRY_VAR_AVAILABLE, LANG_COUNTRY_AVAILABLE, LANG_AVAILABLE = 2, 1, 0
LANG_MISSING_DATA, LANG_NOT_SUPPORTED = -1, -2


class JavaException(Exception):
    pass


class PythonJavaClass:
    __javainterfaces__: tuple[str, ...] = ()


def java_method(signature: str, name: str | None = None) -> Callable:
    def mark(function: Callable) -> Callable:
        function.__javasignature__, function.__javaname__ = signature, name
        return function

    return mark


class Locale:
    """java.util.Locale(String language)."""

    def __init__(self, language: str) -> None:
        assert isinstance(language, str)
        self.language = language

    def getLanguage(self) -> str:
        return self.language


class JavaString:
    """java.lang.String(String)."""

    __javaclass__ = "java/lang/String"

    def __init__(self, text: str) -> None:
        self.text = text


class Cast:
    def __init__(self, javaclass: str, obj: object) -> None:
        self.__javaclass__, self.obj = javaclass.replace(".", "/"), obj


def implementation(obj: object, interface: str, method: str, signature: str) -> weakref.WeakMethod:
    """What Java holds of a PythonJavaClass: no reference (a weak one here)."""
    assert isinstance(obj, PythonJavaClass), f"not a PythonJavaClass: {obj!r}"
    assert interface in obj.__javainterfaces__, f"{obj!r} does not implement {interface}"
    assert getattr(getattr(obj, method), "__javasignature__", None) == signature, f"{method} is not {signature}"
    return weakref.WeakMethod(getattr(obj, method))


def call(held: weakref.WeakMethod, *args: object) -> None:
    method = held()
    assert method is not None, "Java called a PythonJavaClass that Python had collected: the app crashes"
    method(*args)


class Android:
    """The device: its main thread's queue, its voices, its engines."""

    def __init__(self, voices: dict[str, int], init_status: int = SUCCESS) -> None:
        self.voices = dict(voices)
        self.refuse: set[str] = set()
        self.init_status = init_status
        self.engines: list[TextToSpeech] = []
        self._queue: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self.on_main = False

    def post(self, work: Callable[[], None]) -> None:
        with self._lock:
            self._queue.append(work)

    def run_main(self) -> None:
        """The main thread's Looper: everything posted so far (and what that posts) runs."""
        self.on_main = True
        try:
            while True:
                with self._lock:
                    if not self._queue:
                        return
                    work = self._queue.pop(0)
                work()
        finally:
            self.on_main = False

    @property
    def engine(self) -> TextToSpeech:
        assert len(self.engines) == 1, f"{len(self.engines)} TextToSpeech engines made"
        return self.engines[0]

    def module(self) -> types.ModuleType:
        """The fake ``jnius``."""
        android = self

        class TextToSpeechClass(TextToSpeech):
            def __init__(self, context: object, listener: object) -> None:
                super().__init__(android, context, listener)

        class Activity:
            def runOnUiThread(self, runnable: object) -> None:
                held = implementation(runnable, "java/lang/Runnable", "run", "()V")
                android.post(lambda: call(held))

        class PythonActivity:
            mActivity = Activity()

        classes = {
            "android.speech.tts.TextToSpeech": TextToSpeechClass,
            "java.util.Locale": Locale,
            "java.lang.String": JavaString,
            "org.kivy.android.PythonActivity": PythonActivity,
        }

        def autoclass(name: str) -> object:
            if name not in classes:
                raise JavaException(f"Class not found {name!r}")
            return classes[name]

        jnius = types.ModuleType("jnius")
        jnius.autoclass, jnius.cast, jnius.JavaException = autoclass, Cast, JavaException
        jnius.PythonJavaClass, jnius.java_method = PythonJavaClass, java_method
        self.activity = PythonActivity.mActivity
        return jnius


class TextToSpeech:
    """android.speech.tts.TextToSpeech, as its documentation describes it."""

    SUCCESS, ERROR, QUEUE_FLUSH, QUEUE_ADD = SUCCESS, ERROR, 0, 1

    def __init__(self, android: Android, context: object, listener: object) -> None:
        assert context is android.activity, "not the app's Context"
        self.android = android
        self.made_on_main = android.on_main
        self.bound = False
        self.locale: str | None = None
        self.spoken: list[tuple[str, str | None, int, str]] = []
        self.stopped = 0
        self.shut = False
        self.listener = None if listener is None else implementation(
            listener, "android/speech/tts/TextToSpeech$OnInitListener", "onInit", "(I)V")
        android.engines.append(self)
        android.post(self._connected)  # the service binds later, on the main thread

    def _connected(self) -> None:
        self.bound = self.android.init_status == SUCCESS and not self.shut
        if self.listener is not None:
            call(self.listener, self.android.init_status)

    def isLanguageAvailable(self, locale: Locale) -> int:
        if not self.bound:
            return LANG_NOT_SUPPORTED
        return self.android.voices.get(locale.getLanguage(), LANG_NOT_SUPPORTED)

    def setLanguage(self, locale: Locale) -> int:
        if not self.bound:
            return LANG_NOT_SUPPORTED
        language = locale.getLanguage()
        answer = LANG_MISSING_DATA if language in self.android.refuse else self.isLanguageAvailable(locale)
        if answer >= 0:
            self.locale = language
        return answer

    def speak(self, text: object, queue_mode: int, params: object, utterance_id: str) -> int:
        # Two overloads, (String, int, HashMap) and (CharSequence, int, Bundle, String): pyjnius
        # scores the arguments; a Python str for the CharSequence scores -1.
        if isinstance(text, Cast) and text.__javaclass__ in ("java/lang/CharSequence", "java/lang/String"):
            text = text.obj
        if not isinstance(text, JavaString):  # a Python str, for one
            raise JavaException(f"No methods called speak in android/speech/tts/TextToSpeech matching {text!r}")
        if not self.bound:
            return ERROR  # "speak failed: not bound to TTS engine"
        assert params is None or isinstance(params, dict)
        self.spoken.append((text.text, self.locale, queue_mode, utterance_id))
        return SUCCESS

    def stop(self) -> int:
        if not self.bound:
            return ERROR
        self.stopped += 1
        return SUCCESS

    def shutdown(self) -> None:
        self.bound, self.shut = False, True
