"""Which index backend a deployment runs: ``backend:`` in sikoja.yaml, loaded by name.

``embedded`` and ``opensearch`` are short names for the two bundled backends; any other
value is a dotted path ``package.module.ClassName`` to an ``IndexBackend`` subclass (as
Scrapy loads its components), so a deployment can plug in its own index without a change
here. The registry is the only module that knows the concrete backends: the interface
(``indexer.backend``) knows none of them, and they import only the interface.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from indexer.backend import IndexBackend
from sikoja.errors import SikojaError

if TYPE_CHECKING:
    from sikoja.config import Settings

BACKENDS = {
    "embedded": "indexer.embedded.EmbeddedBackend",
    "opensearch": "indexer.opensearch.OpenSearchBackend",
}


def load_object(path: str) -> object:
    """The object a dotted path ``package.module.Name`` names."""
    module_name, _, name = path.rpartition(".")
    if not module_name or not name:
        raise SikojaError(f"backend {path!r}: expected one of {', '.join(BACKENDS)} "
                          "or a dotted path package.module.ClassName")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SikojaError(f"backend {path!r}: cannot import {module_name}: {exc}") from None
    try:
        return getattr(module, name)
    except AttributeError:
        raise SikojaError(f"backend {path!r}: {module_name} has no {name}") from None


def backend_class(name: str) -> type[IndexBackend]:
    """The IndexBackend subclass a short name or dotted path names."""
    found = load_object(BACKENDS.get(name, name))
    if not (isinstance(found, type) and issubclass(found, IndexBackend)):
        raise SikojaError(f"backend {name!r}: {found!r} is not an IndexBackend subclass")
    return found


def open_backend(settings: Settings) -> IndexBackend:
    """The backend ``settings.backend`` names, built from the settings."""
    return backend_class(settings.backend).from_settings(settings)
