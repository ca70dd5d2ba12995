"""The field registry: per document type, each field's kind, its role, and the labels that name it.

Derived from ``docsift.schema`` (the field names and value kinds of every type) and the data in
``registry.yaml`` (which fields extraction finds, as which role). Candidates, features, the
rankers and the joint choice all work from roles, so a new document type is registry data plus
generated training layouts, never a new code path. ``register_type`` adds a type at run time
(used by tests and by deployments that define their own documents).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, cached_property
from typing import Any

from docsift.extraction.knowledge.files import load_labels, load_registry
from docsift.extraction.knowledge.lexicon import Lexicon
from docsift.schema import DocSchema, Kind, get_schema

DEFAULT_THRESHOLD = 0.3


class FieldKind(StrEnum):
    """How the values of a role are found and compared."""

    AMOUNT = "amount"
    DATE = "date"
    TIME = "time"
    IDENTIFIER = "identifier"
    CURRENCY = "currency"
    PARTY_NAME = "party_name"
    ADDRESS = "address"
    TEXT = "text"
    RATE = "rate"
    NUMBER = "number"
    CHOICE = "choice"
    CHECKBOX = "checkbox"
    AMOUNT_IN_WORDS = "amount_in_words"
    EMAIL = "email"
    PHONE = "phone"


# the schema kinds each field kind may stand for (a party name is TEXT in the schema)
SCHEMA_KINDS: dict[FieldKind, frozenset[Kind]] = {
    FieldKind.AMOUNT: frozenset({Kind.AMOUNT}),
    FieldKind.DATE: frozenset({Kind.DATE}),
    FieldKind.TIME: frozenset({Kind.TIME}),
    FieldKind.IDENTIFIER: frozenset({Kind.ID}),
    FieldKind.CURRENCY: frozenset({Kind.CURRENCY}),
    FieldKind.PARTY_NAME: frozenset({Kind.TEXT}),
    FieldKind.ADDRESS: frozenset({Kind.TEXT}),
    FieldKind.TEXT: frozenset({Kind.TEXT, Kind.ENUM}),
    FieldKind.RATE: frozenset({Kind.RATE}),
    FieldKind.NUMBER: frozenset({Kind.NUMBER}),
    FieldKind.CHOICE: frozenset({Kind.ENUM, Kind.TEXT}),
    FieldKind.CHECKBOX: frozenset({Kind.BOOL, Kind.ENUM}),
    FieldKind.AMOUNT_IN_WORDS: frozenset({Kind.TEXT}),
    FieldKind.EMAIL: frozenset({Kind.TEXT}),
    FieldKind.PHONE: frozenset({Kind.TEXT}),
}
# how values of a kind are compared when training and scoring: amount, date or text
COMPARE = {FieldKind.AMOUNT: "amount", FieldKind.DATE: "date"}


class RegistryError(ValueError):
    """The registry data contradicts itself or the schema."""


@dataclass(frozen=True)
class Role:
    """What a value is, on any document type (see registry.yaml)."""

    name: str
    kind: FieldKind
    values: tuple[str, ...] = ()
    needs_label: frozenset[str] = frozenset()
    label_in_document: bool = False
    label_class: str = ""
    party: str | None = None

    @property
    def compare(self) -> str:
        """amount, date or text: how a value of this role is compared with the truth."""
        return COMPARE.get(self.kind, "text")

    @property
    def is_party(self) -> bool:
        """Whether the role is a party's name or address (found by the party models)."""
        return self.kind in (FieldKind.PARTY_NAME, FieldKind.ADDRESS)


@dataclass(frozen=True)
class FieldDef:
    """One field of a document type: its schema name, its role, whether it is required, and the
    synonyms that name it on this type (empty: the role's own label class)."""

    name: str
    role: Role
    required: bool = False
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class TypeFields:
    """The registry of one document type."""

    document_type: str
    fields: dict[str, FieldDef]
    threshold: float = DEFAULT_THRESHOLD
    credit_notes: bool = False  # may title itself a credit note (amounts reported positive)
    till_items: bool = False  # line items one per printed line (a till receipt), not a table
    _roles: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for f in self.fields.values():
            self._roles.setdefault(f.role.name, []).append(f.name)

    @property
    def roles(self) -> list[str]:
        """The roles this type asks for, in registry order."""
        return list(self._roles)

    def fields_of(self, role: str) -> list[str]:
        """The fields of this type that ``role`` fills ([] when none)."""
        return list(self._roles.get(role, []))

    @property
    def required(self) -> tuple[str, ...]:
        """The fields every document of this type prints (its key fields)."""
        return tuple(f.name for f in self.fields.values() if f.required)

    def required_roles(self) -> dict[str, float]:
        """Roles of required fields -> the score their best candidate needs."""
        return {f.role.name: self.threshold for f in self.fields.values() if f.required}

    @cached_property
    def lexicon(self) -> Lexicon:
        """The labels this type is read with: every label class of labels/fields.yaml, with the
        synonyms a field of this type lists as its own naming that field's role alone."""
        table = label_table()
        own: dict[str, list[str]] = {}
        for f in self.fields.values():
            if f.labels:
                own.setdefault(f.role.label_class, []).extend(f.labels)
        if not own:
            return base_lexicon()
        taken = {tuple(s.split()) for syns in own.values() for s in syns}
        merged = {cls: [s for s in syns if tuple(s.split()) not in taken] for cls, syns in table.items()}
        for cls, syns in own.items():
            merged[cls] = list(syns)
        return Lexicon(merged)


@cache
def label_table() -> dict[str, list[str]]:
    """Every label class of labels/fields.yaml (roles and context) -> its synonyms."""
    data = load_labels("fields.yaml")
    return {
        **{k: list(v) for k, v in data["fields"].items()},
        **{k: list(v) for k, v in data["context"].items()},
    }


@cache
def base_lexicon() -> Lexicon:
    """The labels of labels/fields.yaml as one Lexicon (types without synonyms of their own)."""
    return Lexicon(label_table())


@cache
def label_classes() -> tuple[str, ...]:
    """Every label class in a stable order; the index is a categorical feature code."""
    return tuple(label_table())


def _role(name: str, spec: dict[str, Any]) -> Role:
    try:
        kind = FieldKind(spec["kind"])
    except (KeyError, ValueError) as e:
        raise RegistryError(f"role {name}: kind must be one of {[k.value for k in FieldKind]}") from e
    return Role(
        name=name,
        kind=kind,
        values=tuple(spec.get("values") or ()),
        needs_label=frozenset(spec.get("needs_label") or ()),
        label_in_document=bool(spec.get("label_in_document", False)),
        label_class=str(spec.get("labels") or name),
        party=spec.get("party"),
    )


@cache
def roles() -> dict[str, Role]:
    """Every role of registry.yaml by name, in file order (the order is a stable feature code).

    Raises RegistryError for a malformed role.
    """
    data = load_registry()
    return {name: _role(name, spec or {}) for name, spec in data["roles"].items()}


@cache
def role_code(role: str) -> int:
    """The categorical code of a role. Raises KeyError for an unknown role."""
    names = list(roles())
    if role not in names:
        raise KeyError(role)
    return names.index(role)


def build_type(document_type: str, spec: dict[str, Any], schema: DocSchema) -> TypeFields:
    """The TypeFields of ``document_type`` from its registry ``spec``, checked against ``schema``.

    Raises RegistryError when a field is not in the schema, names an unknown role, or its schema
    kind does not fit the role's kind.
    """
    known = roles()
    out: dict[str, FieldDef] = {}
    for name, entry in (spec.get("fields") or {}).items():
        entry = {"role": entry} if isinstance(entry, str) else dict(entry)
        role = known.get(str(entry.get("role")))
        if role is None:
            raise RegistryError(f"{document_type}.{name}: unknown role {entry.get('role')!r}")
        if name not in schema.by_name:
            raise RegistryError(f"{document_type}.{name}: not a field of the {schema.document_type} schema")
        if schema.kind(name) not in SCHEMA_KINDS[role.kind]:
            raise RegistryError(
                f"{document_type}.{name}: schema kind {schema.kind(name)} does not fit role {role.name}"
            )
        labels = tuple(" ".join(str(s).split()) for s in entry.get("labels") or ())
        out[name] = FieldDef(name, role, bool(entry.get("required", False)), labels)
    threshold = float(spec.get("threshold", DEFAULT_THRESHOLD))
    credit, till = bool(spec.get("credit_notes", False)), spec.get("items", "table") == "till"
    return TypeFields(document_type, out, threshold, credit, till)


_EXTRA: dict[str, TypeFields] = {}


@cache
def _shipped() -> dict[str, TypeFields]:
    data = load_registry()
    return {name: build_type(name, spec or {}, get_schema(name)) for name, spec in data["types"].items()}


def type_fields(document_type: str) -> TypeFields:
    """The registry of ``document_type``; a type without registry data has no fields to find.

    Raises KeyError for a type the schema does not know.
    """
    if document_type in _EXTRA:
        return _EXTRA[document_type]
    shipped = _shipped()
    if document_type in shipped:
        return shipped[document_type]
    get_schema(document_type)
    return TypeFields(document_type, {})


def register_type(document_type: str, spec: dict[str, Any], schema: DocSchema) -> TypeFields:
    """Add (or replace) the registry of a document type at run time, checked against ``schema``.

    Returns its TypeFields. Raises RegistryError (see build_type).
    """
    built = build_type(document_type, spec, schema)
    _EXTRA[document_type] = built
    return built
