"""Which deck cards were drawn: kept in memory per deck, so drawing a prompt costs the same on
the 5,000th turn as on the first, and read again from the file only when another program
(a second `hearth`) has written to it since."""

import json
import sqlite3

BOOKKEEPING = ("deck_seen", "deck_reset")


class SeenCards:
    """The seen set of each deck read so far, brought up to date by the journal's own saves."""

    def __init__(self):
        self._decks: dict[str, set[str]] = {}
        self._version: int | None = None  # PRAGMA data_version when the sets were read

    def get(self, conn: sqlite3.Connection, deck: str) -> set[str]:
        """Ids of the deck's items drawn since they last started over."""
        # data_version changes only when another connection commits: then re-read everything.
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._decks.clear()
            self._version = version
        if deck not in self._decks:
            self._decks[deck] = _read(conn, deck)
        return set(self._decks[deck])

    def saved(self, kind: str, data: dict) -> None:
        """The journal itself just committed this entry."""
        if kind not in BOOKKEEPING:
            return
        seen = self._decks.get(str(data.get("deck")))
        if seen is not None:
            _apply(seen, kind, data)

    def clear(self) -> None:
        """Forget every set (after forget, or an update of a bookkeeping entry)."""
        self._decks.clear()


def _read(conn: sqlite3.Connection, deck: str) -> set[str]:
    sql = (
        "SELECT kind, data FROM entries WHERE kind IN ('deck_seen', 'deck_reset') "
        "AND json_extract(data, '$.deck') = ? ORDER BY created_at, id"
    )
    seen: set[str] = set()
    for kind, payload in conn.execute(sql, (deck,)).fetchall():
        _apply(seen, kind, json.loads(payload))
    return seen


def _apply(seen: set[str], kind: str, data: dict) -> None:
    if kind == "deck_seen":
        seen.add(str(data.get("item")))
    else:
        seen.difference_update(str(item) for item in data.get("items", []))
