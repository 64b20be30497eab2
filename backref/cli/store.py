"""The state store a command works on: refused at once (one line, exit 2) when its path is a
link to a file that is not a backref state file, so that nothing is read as ticks or written."""
from __future__ import annotations

from backref.core.errors import UserError
from backref.core.locations import state_path
from backref.core.state import StateStore

TYPE_CHECKING = False
if TYPE_CHECKING:
    from backref.core.content import Content


def open_store(state: str | None, content: Content, path: str | None = None) -> StateStore:
    """The store of --state ``state`` (or ``path``, already resolved); UserError when backref
    must leave that file alone."""
    store = StateStore(path or state_path(state), content)
    refusal = store.refusal()
    if refusal:
        raise UserError(refusal)
    return store
