"""Voice profiles: the shipped ones load; broken ones say which file and field."""

import pytest

from assistant.errors import CatalogueError, VoiceError
from assistant.voice.profiles import choose_profile, load_profile, load_profiles


def write(tmp_path, name, body):
    path = tmp_path / f"{name}.yaml"
    path.write_text(body)
    return path


def test_shipped_profiles_include_calm_warm_and_bright():
    profiles = load_profiles()
    assert {"calm", "warm", "bright"} <= set(profiles)
    for profile in profiles.values():
        assert profile.engine == "piper"
        assert profile.espeak.exercise_rate <= profile.espeak.rate
        assert profile.piper.exercise_length_scale >= profile.piper.length_scale
    assert profiles["calm"].espeak.rate < profiles["bright"].espeak.rate
    assert profiles["calm"].piper.length_scale > profiles["bright"].piper.length_scale


def test_style_picks_its_profile_and_unknown_style_falls_back_to_the_default():
    profiles = load_profiles()
    assert choose_profile(profiles, "warm", "calm").name == "calm"
    assert choose_profile(profiles, "warm", "cheerful").name == "warm"
    assert choose_profile(profiles, "bright").name == "bright"


def test_unknown_default_voice_names_the_choices():
    with pytest.raises(VoiceError, match="unknown voice 'robot'.*bright, calm, warm"):
        choose_profile(load_profiles(), "robot")


@pytest.mark.parametrize(("body", "field"), [
    ("name: slow\nespeak:\n  rate: fast\n", "espeak.rate"),
    ("name: slow\nespeak:\n  rate: 20\n", "espeak.rate"),
    ("name: slow\nvolume: 1.5\n", "volume"),
    ("name: slow\ncolour: blue\n", "colour"),
    ("name: slow\nespeak:\n  rate: 120\n  exercise_rate: 200\n", "exercise_rate"),
    ("name: quick\n", "name"),
    ("name: slow\nengine: festival\n", "engine"),
    ("name: slow\npiper:\n  voice: robot\n", "piper.voice"),
    ("name: slow\npiper:\n  length_scale: 3\n", "piper.length_scale"),
    ("name: slow\npiper:\n  noise_scale: 2\n", "piper.noise_scale"),
    ("name: slow\nespeak:\n  noise_w: 0.5\n", "espeak.noise_w"),
    ("name: slow\npiper:\n  length_scale: 1.3\n  exercise_length_scale: 1.0\n",
     "exercise_length_scale"),
    ("name: slow\nrate: 150\n", "'rate': belongs under piper: or espeak:"),
])
def test_a_broken_profile_names_the_file_and_field(tmp_path, body, field):
    path = write(tmp_path, "slow", body)
    with pytest.raises(CatalogueError) as caught:
        load_profile(path)
    assert str(path) in str(caught.value)
    assert field in str(caught.value)


def test_invalid_yaml_and_empty_folder_are_clear_errors(tmp_path):
    path = write(tmp_path, "slow", "name: [unclosed\n")
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_profiles(tmp_path)
    with pytest.raises(CatalogueError, match="no voice profiles"):
        load_profiles(tmp_path / "missing")
    path.write_text("- just\n- a list\n")
    with pytest.raises(CatalogueError, match="mapping"):
        load_profile(path)


def test_profiles_load_from_another_folder(tmp_path, monkeypatch):
    write(tmp_path, "deep", "name: deep\nespeak:\n  voice: en-gb\n  rate: 120\n"
                            "  exercise_rate: 100\n  pitch: 20\n")
    monkeypatch.setenv("HEARTH_VOICES_DIR", str(tmp_path))
    profiles = load_profiles()
    assert list(profiles) == ["deep"]
    assert profiles["deep"].espeak.pitch == 20 and profiles["deep"].sentence_pause == 0.35
    assert profiles["deep"].piper.voice == "en_US-joe-medium"


@pytest.mark.parametrize(("body", "field", "why"), [
    ("piper:\n  pitch: 30\n", "piper.pitch", "one pitch"),
    ("piper:\n  rate: 150\n", "piper.rate", "length_scale"),
    ("espeak:\n  length_scale: 1.2\n", "espeak.length_scale", "words per minute"),
])
def test_a_setting_the_engine_cannot_honour_says_so(tmp_path, body, field, why):
    path = write(tmp_path, "slow", f"name: slow\n{body}")
    with pytest.raises(CatalogueError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message and f"field '{field}'" in message and why in message


def test_an_espeak_only_profile_and_a_model_path_are_accepted(tmp_path):
    robot = load_profile(write(tmp_path, "robot", "name: robot\nengine: espeak\n"))
    assert robot.engine == "espeak" and robot.espeak.voice == "en-us"
    local = load_profile(write(tmp_path, "local",
                               "name: local\npiper:\n  voice: /opt/voices/x.onnx\n"))
    assert local.piper.voice == "/opt/voices/x.onnx"
