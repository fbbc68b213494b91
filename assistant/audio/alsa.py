"""Keep ALSA's own messages ("underrun occurred") off the screen; they go to the debug log.

alsa-lib prints straight to stderr, over the live transcript. It lets a program install its
own error handler, which is what this does, once, when the voice session starts.
"""

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)
_HANDLER_TYPE = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                 ctypes.c_int, ctypes.c_char_p)
_installed = []  # keeps the callback alive for as long as ALSA may call it


def _log_alsa(filename, line, function, err, fmt) -> None:
    log.debug("alsa %s:%d %s: %s", (filename or b"").decode(errors="replace"), line,
              (function or b"").decode(errors="replace"), (fmt or b"").decode(errors="replace"))


def silence_alsa_messages() -> None:
    """Send ALSA's messages to the debug log instead of stderr (no-op without ALSA)."""
    if _installed:
        return
    name = ctypes.util.find_library("asound")
    if not name:
        return
    handler = _HANDLER_TYPE(_log_alsa)
    ctypes.CDLL(name).snd_lib_error_set_handler(handler)
    _installed.append(handler)
