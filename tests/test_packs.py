"""Content packs: a person's own .toml files in content.d (or --pack FILE) that add to the guide.
What the commands show with one installed, what `backref check` says about a bad one, and that
a broken pack never stops the rest."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from backref.cli.main import main
from backref.core.load import load_with_packs, pack_paths

PHYSIO = '''
[pack]
title = "My physiotherapy plan"
source = "Exercise plan from my physiotherapist, May 2026"

[[topics]]
id = "physio"
title = "Physiotherapy plan"
tab = "Physio"
paragraphs = ["Do these every morning, gently."]

[[topics.sections]]
id = "physio-morning"
title = "Morning exercises"
kind = "checklist"
scope = "daily"
items = [
  { id = "physio-cat-camel", text = "Cat-camel, 10 slow reps" },
  { id = "physio-bridge", text = "Bridge, hold 10 seconds, 8 reps" },
]
'''

EXTRA = '''
[pack]
title = "Extras"
source = "My own notes"

[[sections]]
topic = "prevention"
id = "extra-habits"
title = "My extra habits"
kind = "checklist"
items = [{ id = "extra-walk", text = "Walk 20 minutes at lunch" }]

[synonyms]
stroll = ["walk"]
'''


def install(home: Path, name: str, text: str) -> Path:
    """A pack in content.d, where backref looks ($XDG_DATA_HOME/backref/content.d)."""
    folder = home / "data" / "backref" / "content.d"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_pack_in_content_d_is_listed_ticked_and_shown_with_its_source(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    install(isolated_dirs, "physio.toml", PHYSIO)
    code, out, err = run(capsys, "checklist", "physio")
    assert (code, err) == (0, "")
    assert "[ ] Cat-camel, 10 slow reps (physio-cat-camel)" in out
    assert run(capsys, "tick", "physio-bridge") == (0, "ticked: Bridge, hold 10 seconds, 8 reps (today)\n", "")
    code, out, _ = run(capsys, "checklist", "physio")
    assert "[x] Bridge, hold 10 seconds, 8 reps (physio-bridge)" in out and "1/2 (today)" in out
    assert run(capsys, "topics")[1].splitlines()[-1] == "physio\tPhysiotherapy plan"  # after the guide's
    code, out, _ = run(capsys, "show", "physio", "--width", "200")
    assert ("From your pack 'My physiotherapy plan' (source: Exercise plan from my physiotherapist, "
            "May 2026), not from the guide.") in out
    shown = json.loads(run(capsys, "show", "physio", "--json")[1])[0]
    assert shown["pack"]["source"] == "Exercise plan from my physiotherapist, May 2026"
    assert run(capsys, "check") == (0, "ok: 9 topics, 145 items, 25 red flags (with 1 pack)\n", "")


def test_a_pack_adds_a_section_to_a_shipped_topic_and_search_finds_it(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    install(isolated_dirs, "extra.toml", EXTRA)
    code, out, err = run(capsys, "checklist", "prevention")
    assert code == 0 and "Walk 20 minutes at lunch (extra-walk)" in out
    code, out, _ = run(capsys, "search", "stroll")
    assert code == 0 and "My extra habits: Walk 20 minutes at lunch" in out


def test_pack_given_on_the_command_line_repeatable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(PHYSIO)
    (tmp_path / "b.toml").write_text(EXTRA)
    code, out, err = run(capsys, "--pack", str(tmp_path / "a.toml"), "--pack", str(tmp_path / "b.toml"), "topics")
    assert (code, err) == (0, "") and out.endswith("physio\tPhysiotherapy plan\n")
    assert run(capsys, "--pack", str(tmp_path / "b.toml"), "check")[1] == (
        "ok: 8 topics, 144 items, 25 red flags (with 1 pack)\n")


def test_a_pack_reusing_a_shipped_id_fails_the_check_naming_both_files(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path, content_path: str) -> None:
    path = install(isolated_dirs, "clash.toml", PHYSIO.replace('id = "physio-bridge"', 'id = "apply-ice-20-min"'))
    code, out, err = run(capsys, "check")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"backref: {path}: topics[0].sections[0].items[1].id: duplicate id 'apply-ice-20-min' "
        f"(first used at {content_path}: topics[4].sections[0].items[2])"]
    # every other command goes on without it, saying so in one line
    code, out, err = run(capsys, "topics")
    assert code == 0 and "physio" not in out
    assert err == f"backref: pack skipped: {path}: topics[0].sections[0].items[1].id: duplicate id " \
                  f"'apply-ice-20-min' (first used at {content_path}: topics[4].sections[0].items[2])\n"


def test_two_packs_with_one_id_the_later_is_skipped_naming_the_earlier(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    first = install(isolated_dirs, "a-physio.toml", PHYSIO)
    second = install(isolated_dirs, "b-again.toml", PHYSIO.replace('title = "My physiotherapy plan"', 'title = "Again"'))
    code, _out, err = run(capsys, "check")
    assert code == 2
    assert f"backref: {second}: topics[0].id: duplicate id 'physio' (first used at {first}: topics[0])" in err
    code, out, err = run(capsys, "checklist", "physio")
    assert code == 0 and "Cat-camel" in out and err.count("\n") == 1 and "b-again.toml" in err


@pytest.mark.parametrize("text", [
    "[pack\ntitle = 1\n",  # not TOML
    "\xff",  # not UTF-8
    '[pack]\ntitle = "t"\n',  # no source, adds nothing
    '[pack]\ntitle = "t"\nsource = "s"\n[urgency.emergency]\nlabel = "fine"\nheading = "h"\naction = "a"\nsource = "s"\n',
    '[pack]\ntitle = "t"\nsource = "s"\n[[sections]]\ntopic = "nowhere"\nid = "x"\ntitle = "X"\nkind = "list"\nitems = [{id = "xx", text = "t"}]\n',
])
def test_a_broken_pack_is_one_warning_line_and_every_command_still_works(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path, text: str) -> None:
    install(isolated_dirs, "physio.toml", PHYSIO)
    broken = install(isolated_dirs, "broken.toml", "")
    broken.write_bytes(text.encode("latin-1"))
    for argv in (["topics"], ["checklist", "physio"], ["redflags"], ["search", "ice"], ["status"]):
        code, out, err = run(capsys, *argv)
        assert code == 0 and out, argv
        assert err.count("\n") == 1 and err.startswith(f"backref: pack skipped: {broken}"), (argv, err)
    assert "Cat-camel" in run(capsys, "checklist", "physio")[1]  # the good pack is there
    code, out, err = run(capsys, "check")
    assert code == 2 and str(broken) in err


def test_a_pack_never_lowers_an_urgency_nor_speaks_for_a_shipped_red_flag(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    path = install(isolated_dirs, "flags.toml", '''
[pack]
title = "Flags"
source = "me"

[[red_flags]]
id = "mine"
title = "Not so bad"
urgency = "see-doctor"
topic = "relief"
flags = [{ id = "mine-numb", text = "Numbness", same_as = "rf-saddle-numbness" }]

[lay.rf-saddle-numbness]
question = "Is it fine?"
question_source = "me"
''')
    code, _out, err = run(capsys, "check")
    assert code == 2
    assert ("red_flags[0].flags[0].same_as: 'rf-saddle-numbness' is a red flag of urgency emergency: "
            "list it under that urgency") in err
    assert "lay.rf-saddle-numbness: 'rf-saddle-numbness' is a red flag of" in err
    assert str(path) in err
    code, out, _ = run(capsys, "redflags", "--json")
    signs = [s["text"] for s in json.loads(out)[0]["signs"]]
    assert "Numbness" not in signs and len(signs) > 5


def test_an_own_red_flag_in_a_pack_is_shown_at_its_urgency(capsys: pytest.CaptureFixture[str],
                                                           isolated_dirs: Path) -> None:
    install(isolated_dirs, "flags.toml", '''
[pack]
title = "From my GP"
source = "Dr A, 2026"

[[red_flags]]
id = "gp-flags"
title = "Also tell your GP"
urgency = "see-doctor"
topic = "doctor"
flags = [{ id = "gp-night-pain", text = "Pain that wakes you every night" }]
''')
    code, out, err = run(capsys, "redflags", "--width", "200")
    assert (code, err) == (0, "") and "Pain that wakes you every night" in out


def test_packs_off_leaves_content_d_out_but_a_named_pack_in(
        capsys: pytest.CaptureFixture[str], isolated_dirs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(isolated_dirs, "physio.toml", PHYSIO)
    assert "physio" not in run(capsys, "--no-packs", "topics")[1]
    config = isolated_dirs / "config" / "backref" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("packs = false\n")
    assert "physio" not in run(capsys, "topics")[1]
    (tmp_path / "extra.toml").write_text(EXTRA)
    assert "Walk 20" in run(capsys, "--pack", str(tmp_path / "extra.toml"), "checklist", "prevention")[1]
    monkeypatch.setenv("BACKREF_PACKS", "on")  # the environment wins over the file
    assert "physio" in run(capsys, "topics")[1]


def test_the_cache_follows_packs_added_changed_and_removed(isolated_dirs: Path, content_path: str) -> None:
    def topics() -> list[str]:
        content, _notices = load_with_packs(content_path, pack_paths())
        return [t.id for t in content.topics]

    shipped = topics()
    physio = install(isolated_dirs, "physio.toml", PHYSIO)
    assert topics() == [*shipped, "physio"]
    assert topics() == [*shipped, "physio"]  # from the cache
    assert list((isolated_dirs / "cache").glob("packs-*"))
    physio.write_text(PHYSIO.replace('id = "physio"', 'id = "physio-plan"'))
    os.utime(physio, ns=(1, 1))  # even an edit that keeps the modification time: the size differs
    assert topics() == [*shipped, "physio-plan"]
    install(isolated_dirs, "extra.toml", EXTRA)
    content, _ = load_with_packs(content_path, pack_paths())
    assert "extra-habits" in [s.id for t in content.topics for s in t.sections]
    physio.unlink()
    assert topics() == shipped


def test_a_fifo_or_a_device_in_content_d_is_skipped_at_once(capsys: pytest.CaptureFixture[str],
                                                           isolated_dirs: Path) -> None:
    install(isolated_dirs, "physio.toml", PHYSIO)
    folder = isolated_dirs / "data" / "backref" / "content.d"
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    code, out, err = run(capsys, "topics")
    assert code == 0 and "physio" in out
    assert err.splitlines() == [f"backref: pack skipped: {folder / 'fifo.toml'}: cannot read: not a regular file",
                                f"backref: pack skipped: {folder / 'zero.toml'}: cannot read: not a regular file"]


def test_pack_text_is_shown_as_text(capsys: pytest.CaptureFixture[str], isolated_dirs: Path) -> None:
    install(isolated_dirs, "physio.toml", PHYSIO.replace("Cat-camel", "Cat[b]x[/b]\\u001b[2J"))
    code, out, _ = run(capsys, "checklist", "physio")
    assert "Cat[b]x[/b]?[2J, 10 slow reps" in out and "\x1b" not in out
