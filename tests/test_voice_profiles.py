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
        assert profile.exercise_rate <= profile.rate
    assert profiles["calm"].rate < profiles["bright"].rate


def test_style_picks_its_profile_and_unknown_style_falls_back_to_the_default():
    profiles = load_profiles()
    assert choose_profile(profiles, "warm", "calm").name == "calm"
    assert choose_profile(profiles, "warm", "cheerful").name == "warm"
    assert choose_profile(profiles, "bright").name == "bright"


def test_unknown_default_voice_names_the_choices():
    with pytest.raises(VoiceError, match="unknown voice 'robot'.*bright, calm, warm"):
        choose_profile(load_profiles(), "robot")


@pytest.mark.parametrize(("body", "field"), [
    ("name: slow\nrate: fast\n", "rate"),
    ("name: slow\nrate: 20\n", "rate"),
    ("name: slow\nvolume: 1.5\n", "volume"),
    ("name: slow\ncolour: blue\n", "colour"),
    ("name: slow\nrate: 120\nexercise_rate: 200\n", "exercise_rate"),
    ("name: quick\n", "name"),
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
    write(tmp_path, "deep", "name: deep\nvoice: en-gb\nrate: 120\nexercise_rate: 100\npitch: 20\n")
    monkeypatch.setenv("HEARTH_VOICES_DIR", str(tmp_path))
    profiles = load_profiles()
    assert list(profiles) == ["deep"]
    assert profiles["deep"].pitch == 20 and profiles["deep"].sentence_pause == 0.35
