"""One readable message for a pydantic validation error of an input file.

Main objects:
    * :func:`fout_tekst` - the message of a ``ValidationError``: each wrong field by its dotted
      path (``gemeente.wwb``, ``variant[0].set``), what is wrong and what is allowed, with the
      value as it was written (``true``, ``"12"``, ``inf``), never a Python repr.

Used for scenario files (:mod:`simulatie.kern.scenario`) and, with their own schema, for
comparison and sweep files.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ValidationError

from simulatie.kern.fouten import toon, toon_naam

#: Most wrong fields named in one message.
MAX_VELDEN = 3

#: What a value of a type must be, by pydantic error type.
_SOORT = {
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "string_type": "must be text in quotes",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
}


def _kern(typ: Any) -> Any:
    """The type without ``Annotated`` and ``None`` in a union (``int | None`` -> ``int``)."""
    while True:
        if typing.get_origin(typ) is typing.Annotated:
            typ = typing.get_args(typ)[0]
            continue
        if typing.get_origin(typ) in (typing.Union, types.UnionType):
            leden = [a for a in typing.get_args(typ) if a is not type(None)]
            if len(leden) == 1:
                typ = leden[0]
                continue
        return typ


def _is_model(typ: Any) -> bool:
    return isinstance(typ, type) and issubclass(typ, BaseModel)


def _velden(model: type[BaseModel]) -> dict[str, Any]:
    """The fields of a model by the name used in the file (its alias where it has one)."""
    return {(v.alias or n): v for n, v in model.model_fields.items()}


def _loop(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, Any, Any]:
    """Walk ``loc`` through the schema.

    Returns:
        (dotted path for the message, the FieldInfo at the end or None, the model holding the
        last part or None).
    """
    typ: Any = model
    veld = None
    ouder: Any = None
    delen: list[str] = []
    for deel in loc:
        typ = _kern(typ)
        if isinstance(deel, int):
            delen.append(f"[{deel}]")
            args = typing.get_args(typ)
            typ = args[0] if args else Any
            veld = None
            continue
        if _is_model(typ):
            ouder = typ
            veld = _velden(typ).get(deel)
            typ = veld.annotation if veld is not None else Any
        elif typing.get_origin(typ) in (typing.Union, types.UnionType):
            continue  # a union member's tag (``list[str]``, ``literal['alle']``), not a field
        elif typing.get_origin(typ) is dict:
            args = typing.get_args(typ)
            typ = args[1] if len(args) == 2 else Any
            ouder, veld = None, None
        else:
            ouder, veld, typ = None, None, Any
        naam = str(deel)
        tekst = naam if re.fullmatch(r"[A-Za-z0-9_\-]+", naam) else f'"{toon_naam(naam)}"'
        delen.append(("." if delen else "") + tekst)
    return "".join(delen), veld, ouder


def _grenzen(veld: Any) -> tuple[Any, Any]:
    """The hard bounds (ge/gt, le/lt) declared on a field, None where there is none."""
    onder = boven = None
    for m in getattr(veld, "metadata", []) or []:
        if isinstance(m, Ge | Gt):
            onder = m.ge if isinstance(m, Ge) else m.gt
        elif isinstance(m, Le | Lt):
            boven = m.le if isinstance(m, Le) else m.lt
    return onder, boven


def _plausibel(veld: Any) -> str:
    """`` (plausible lo to hi)`` for a parameter with a declared range, else empty."""
    extra = getattr(veld, "json_schema_extra", None)
    bereik = extra.get("bereik") if isinstance(extra, dict) else None
    return f" (plausible {bereik[0]} to {bereik[1]})" if bereik else ""


def _bereik(veld: Any, typ: str, ctx: dict[str, Any]) -> str:
    """``lo to hi`` when both bounds are known, else the violated bound (``>= 0``)."""
    onder, boven = _grenzen(veld)
    if onder is not None and boven is not None:
        return f"{onder} to {boven}{_plausibel(veld)}"
    teken = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">",
             "less_than": "<"}.get(typ, "")
    grens = next(iter(ctx.values()), "") if ctx else ""
    return f"{teken} {grens}".strip()


def _regel(e: dict[str, Any], model: type[BaseModel], onbekend: str) -> tuple[str, str]:
    """(path, message) of one pydantic error; ``onbekend`` names what an unknown key is."""
    pad, veld, ouder = _loop(model, tuple(e["loc"]))
    typ = e["type"]
    ctx = e.get("ctx") or {}
    invoer = e.get("input")
    if typ == "value_error":
        return pad, str(ctx.get("error", e["msg"]))
    if typ == "extra_forbidden":
        toegestaan = sorted(_velden(ouder)) if ouder is not None else []
        return pad, (f"unknown {onbekend}; allowed: " + ", ".join(toegestaan) if toegestaan
                     else f"unknown {onbekend}")
    if typ == "missing":
        return pad, "required field is missing"
    if typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return pad, f"{toon(invoer)} is out of range; allowed: {_bereik(veld, typ, ctx)}"
    if typ in _SOORT:
        onder, boven = _grenzen(veld)
        bereik = (f"; allowed: {onder} to {boven}{_plausibel(veld)}"
                  if onder is not None and boven is not None else "")
        return pad, f"{_SOORT[typ]} (got {toon(invoer)}){bereik}"
    if typ == "literal_error":
        verwacht = str(ctx.get("expected", "")).replace("'", '"')
        return pad, f"must be one of {verwacht} (got {toon(invoer)})"
    if typ == "string_too_long":
        return pad, (f"is {len(invoer) if isinstance(invoer, str) else 'too many'} characters "
                     f"long; at most {ctx.get('max_length')}")
    if typ == "string_too_short":
        return pad, "must not be empty"
    if typ == "too_short":
        return pad, f"must have at least {ctx.get('min_length')} item(s) (got {toon(invoer)})"
    if typ == "too_long":
        return pad, f"must have at most {ctx.get('max_length')} items"
    if typ == "string_pattern_mismatch":
        return pad, (f"must be letters, digits and underscores, not starting with a digit "
                     f"(got {toon(invoer)})")
    return pad, f"{e['msg']} (got {toon(invoer)})"


def fout_tekst(fout: ValidationError, model: type[BaseModel], onbekend: str = "field") -> str:
    """One readable message for a ValidationError: the first error of each wrong field.

    Args:
        fout: The error pydantic raised.
        model: The schema that was validated (to name the allowed fields and bounds).
        onbekend: What an unknown key is called in the message (``unknown field``).

    Returns:
        ``pad: what is wrong; allowed ...``, several fields separated by ``; ``.
    """
    gezien: dict[str, str] = {}
    for e in fout.errors(include_url=False):
        pad, bericht = _regel(e, model, onbekend)
        if pad not in gezien:
            gezien[pad] = f"{pad}: {bericht}" if pad else bericht
        if len(gezien) >= MAX_VELDEN:
            break
    return "; ".join(gezien.values())
