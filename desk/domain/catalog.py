"""The catalogue of matters (事项目录): three classes of matters and the item types in each.

Each item type carries the defaults a registration takes from it (police or grid matter, handling
tier, handling department, time limits). The catalogue ships as `resources/catalog/matters.json`;
a migration loads it into the database, where an admin may edit it later, so the rules here are
checked on both paths: the shipped file through `load_catalogue`, the table through `Catalogue`.

This module is the single definition of the classes."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

# 矛盾纠纷, 治安与安全隐患, 民生服务.
CLASSES = ("dispute", "security", "public_service")
# The names county platforms give the classes. They are data for resolving what an import or an
# operator typed; the UI shows classes through its translated labels.
CLASS_NAMES: Mapping[str, str] = {"dispute": "矛盾纠纷", "security": "治安与安全隐患", "public_service": "民生服务"}
# Before the catalogue there were four classes; the two hazard classes merged into one.
LEGACY_CLASSES: Mapping[str, str] = {"public_security": "security", "safety": "security"}

# What an item type's defaults may be. Defined here, beside the classes, and re-exported by vocab.
MATTERS = ("police", "grid")  # 警务事项、网格事项
TIERS = ("second", "first", "special")  # 小事二级办理、大事一级处理、特事专报处置
# The linkage departments (联动部门) by kind: 派出所, 司法所, 综治办, 应急管理办, 民政办, 自然资源所,
# 卫生院, 消防救援, 村（居）委.
DEPARTMENT_KINDS = ("police_station", "justice", "governance", "emergency", "civil_affairs", "natural_resources",
                    "health", "fire", "village_committee")

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_CODE, MAX_NAME = 48, 48  # the database columns
_FIELDS = ("code", "name", "class", "aliases", "nature", "tier", "department", "answer_hours", "close_days",
           "general")


class CatalogueError(ValueError):
    """A catalogue entry breaks a rule; `entry` names the entry (its code, or its position) and
    `field` the field at fault."""

    def __init__(self, entry: str, field: str, message: str):
        super().__init__(f"item type {entry}: {field}: {message}")
        self.entry = entry
        self.field = field


@dataclass(frozen=True)
class ItemType:
    code: str  # stable ASCII snake_case; what incidents store
    name: str  # the Chinese display name
    item_class: str  # one of CLASSES
    aliases: tuple[str, ...] = ()  # other names county platforms use for the same thing
    nature: str = "grid"  # police matter (警务事项) or grid matter (网格事项)
    tier: str = "second"  # 小事二级办理、大事一级处理、特事专报处置
    department: str = ""  # the default handling department's kind
    answer_hours: float | None = None  # police matters: answered and handled within
    close_days: float | None = None  # grid matters: closed within
    general: bool = False  # the class's catch-all type, which the class name stands for

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _check(t: ItemType, entry: str) -> None:
    """The rules one item type must keep on its own."""
    if not isinstance(t.code, str) or not _CODE.match(t.code) or len(t.code) > MAX_CODE:
        raise CatalogueError(entry, "code", f"{t.code!r} is not ASCII snake_case of at most {MAX_CODE} characters")
    if not isinstance(t.name, str) or not t.name.strip() or t.name != t.name.strip() or len(t.name) > MAX_NAME:
        raise CatalogueError(entry, "name", f"{t.name!r} is empty, padded or longer than {MAX_NAME} characters")
    if t.item_class not in CLASSES:
        raise CatalogueError(entry, "class", f"unknown class {t.item_class!r} (one of {', '.join(CLASSES)})")
    if t.nature not in MATTERS:
        raise CatalogueError(entry, "nature", f"unknown nature {t.nature!r} (one of {', '.join(MATTERS)})")
    if t.tier not in TIERS:
        raise CatalogueError(entry, "tier", f"unknown tier {t.tier!r} (one of {', '.join(TIERS)})")
    if t.department and t.department not in DEPARTMENT_KINDS:
        raise CatalogueError(entry, "department", f"unknown department kind {t.department!r}")
    for alias in t.aliases:
        if not isinstance(alias, str) or not alias.strip() or alias != alias.strip() or len(alias) > MAX_NAME:
            raise CatalogueError(entry, "aliases", f"{alias!r} is empty, padded or too long")
    for name in ("answer_hours", "close_days"):
        value = getattr(t, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise CatalogueError(entry, name, f"{value!r} is not a positive number")


def _key(text: str) -> str:
    return text.strip().casefold()


class Catalogue:
    """Item types by code, name and alias. Names and aliases are unique across the catalogue, so a
    name a county platform uses means one item type; a class name or class code means its general type."""

    def __init__(self, item_types: Iterable[ItemType]):
        self._types: dict[str, ItemType] = {}
        self._names: dict[str, ItemType] = {}
        self._general: dict[str, ItemType] = {}
        for t in item_types:
            _check(t, t.code)
            if t.code in self._types:
                raise CatalogueError(t.code, "code", "appears twice")
            self._types[t.code] = t
            if t.general:
                if t.item_class in self._general:
                    raise CatalogueError(t.code, "general", f"class {t.item_class} already has the general type "
                                                            f"{self._general[t.item_class].code}")
                self._general[t.item_class] = t
            for n, text in enumerate(t.names):
                owner = self._names.get(_key(text))
                if owner is not None:
                    field = "name" if n == 0 else "aliases"
                    raise CatalogueError(t.code, field, f"{text!r} already names {owner.code}")
                self._names[_key(text)] = t
        for cls, name in CLASS_NAMES.items():
            owner = self._names.get(_key(name))
            general = self._general.get(cls)
            if owner is not None and owner is not general:
                raise CatalogueError(owner.code, "aliases", f"{name!r} is the name of class {cls}, which stands "
                                                            "for that class's general type")

    def __iter__(self) -> Iterator[ItemType]:
        return iter(self._types.values())

    def __len__(self) -> int:
        return len(self._types)

    def __contains__(self, code: object) -> bool:
        return code in self._types

    def get(self, code: str) -> ItemType | None:
        return self._types.get(code)

    def by_class(self, cls: str) -> tuple[ItemType, ...]:
        return tuple(t for t in self._types.values() if t.item_class == cls)

    def general(self, cls: str) -> ItemType | None:
        """The class's catch-all type (e.g. 其他矛盾纠纷), which the class name stands for."""
        return self._general.get(LEGACY_CLASSES.get(cls, cls))

    def resolve(self, text: str | None) -> ItemType | None:
        """The item type a code, name or alias means; a class name or class code (also a class code
        from before the merge) means that class's general type. Whitespace around it and the case of
        Latin letters do not matter."""
        if not isinstance(text, str) or not text.strip():
            return None
        key = _key(text)
        found = self._types.get(key) or self._names.get(key)
        if found is not None:
            return found
        for cls, name in CLASS_NAMES.items():
            if key in (cls, _key(name)):
                return self.general(cls)
        if key in LEGACY_CLASSES:
            return self.general(key)
        return None

    def search(self, text: str) -> list[ItemType]:
        """Item types whose code, name or an alias contains `text`, in catalogue order; the register
        dialog narrows its list with this."""
        key = _key(text)
        if not key:
            return list(self._types.values())
        return [t for t in self._types.values() if key in t.code or any(key in _key(n) for n in t.names)]


def upgrade_class(code: str) -> str:
    """A class code written before the merge, as today's class."""
    return LEGACY_CLASSES.get(code, code)


def _entry(raw: Any, position: int) -> ItemType:
    code = raw.get("code") if isinstance(raw, dict) else None
    entry = code if isinstance(code, str) and code else f"#{position + 1}"
    if not isinstance(raw, dict):
        raise CatalogueError(entry, "entry", "is not an object")
    unknown = sorted(set(raw) - set(_FIELDS))
    if unknown:
        raise CatalogueError(entry, unknown[0], "is not a field of an item type")
    for required in ("code", "name", "class", "nature"):
        if required not in raw:
            raise CatalogueError(entry, required, "is missing")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list):
        raise CatalogueError(entry, "aliases", "is not a list")
    if not isinstance(raw.get("general", False), bool):
        raise CatalogueError(entry, "general", "is not true or false")
    t = ItemType(code=raw["code"], name=raw["name"], item_class=raw["class"], aliases=tuple(aliases),
                 nature=raw["nature"], tier=raw.get("tier", "second"), department=raw.get("department") or "",
                 answer_hours=raw.get("answer_hours"), close_days=raw.get("close_days"),
                 general=raw.get("general", False))
    _check(t, entry)
    return t


def load_catalogue(text: str) -> Catalogue:
    """The catalogue from its JSON text: `{"item_types": [{...}, ...]}`. Every class must have its
    general type; a broken entry raises CatalogueError naming the entry and the field."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError("file", "json", f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("item_types"), list):
        raise CatalogueError("file", "item_types", "expected an object with a list of item types")
    catalogue = Catalogue(_entry(raw, i) for i, raw in enumerate(data["item_types"]))
    for cls in CLASSES:
        if catalogue.general(cls) is None:
            raise CatalogueError(cls, "general", f"class {cls} has no general item type")
    return catalogue


_default: Catalogue | None = None


def default_catalogue() -> Catalogue:
    """The catalogue shipped with the desk (read once; item types are immutable)."""
    global _default
    if _default is None:
        path = files("desk") / "resources" / "catalog" / "matters.json"
        _default = load_catalogue(path.read_text(encoding="utf-8"))
    return _default
