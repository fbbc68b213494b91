"""Audio in: any file as 16 kHz mono, live microphone utterances, endpointing.

    from assistant.audio import read_audio
    samples = read_audio("note.flac")   # int16, 16 kHz mono; AudioError names the file if bad
"""

from assistant.audio.files import SAMPLE_RATE, iter_audio, read_audio, to_int16, write_wav
from assistant.errors import AudioError

__all__ = ["SAMPLE_RATE", "AudioError", "iter_audio", "read_audio", "to_int16", "write_wav"]
