"""Audio devices: list them, and turn a configured name or index into a usable microphone."""

from dataclasses import dataclass

from assistant.errors import AudioError


@dataclass(frozen=True)
class DeviceInfo:
    """One audio device as PortAudio sees it."""

    index: int  # PortAudio's device index
    name: str  # the device's name
    inputs: int  # input channels (0: not a microphone)
    outputs: int  # output channels (0: not a speaker)
    default_rate: float  # the device's preferred sample rate
    is_default_input: bool  # used when no input_device is configured
    is_default_output: bool  # used when no output_device is configured


def _sounddevice():
    try:
        import sounddevice
    except OSError as exc:  # PortAudio's shared library is missing
        raise AudioError(
            f"the audio library PortAudio is not available ({exc}); "
            "install it with `sudo apt install libportaudio2`"
        ) from exc
    return sounddevice


def list_devices() -> list[DeviceInfo]:
    """Every audio device, microphones and speakers."""
    sd = _sounddevice()
    try:
        raw = sd.query_devices()
        default_in, default_out = sd.default.device
    except sd.PortAudioError as exc:
        raise AudioError(f"audio devices cannot be listed ({exc})") from exc
    return [
        DeviceInfo(
            index=i, name=d["name"], inputs=d["max_input_channels"],
            outputs=d["max_output_channels"], default_rate=d["default_samplerate"],
            is_default_input=i == default_in, is_default_output=i == default_out,
        )
        for i, d in enumerate(raw)
    ]


def find_input_device(spec: str | int | None) -> DeviceInfo:
    """The microphone for a configured name (a part of it is enough) or index; None: the default."""
    inputs = [d for d in list_devices() if d.inputs > 0]
    if not inputs:
        raise AudioError(
            "no microphone found; plug one in (see `hearth devices`), or use `hearth chat` to type"
        )
    if spec is None or spec == "":
        chosen = [d for d in inputs if d.is_default_input] or inputs
        return chosen[0]
    if isinstance(spec, int) or str(spec).isdigit():
        for device in inputs:
            if device.index == int(spec):
                return device
        raise AudioError(
            f"input_device {spec} is not a microphone; pick an index from `hearth devices`"
        )
    matches = [d for d in inputs if str(spec).lower() in d.name.lower()]
    exact = [d for d in matches if d.name.lower() == str(spec).lower()]
    if exact or len(matches) == 1:
        return (exact or matches)[0]
    if not matches:
        raise AudioError(
            f"no microphone named '{spec}'; pick a name or index from `hearth devices`"
        )
    names = ", ".join(f"'{d.name}'" for d in matches[:4])
    raise AudioError(f"input_device '{spec}' matches several microphones ({names}); be more exact")
