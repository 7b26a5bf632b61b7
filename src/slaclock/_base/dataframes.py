"""pandas, polars and pyarrow columns in, the same kind out: a thin layer over the numpy paths.

Every vectorised operation is written once, for numpy arrays. A column from a
dataframe library is turned into a numpy array (without a copy where the library
allows it), the numpy path runs, and its result is wrapped back into the caller's
kind: a pandas ``Series`` keeps its index and name, a ``DatetimeIndex`` gives an
``Index``, a polars ``Series`` keeps its name, a pyarrow ``Array`` or
``ChunkedArray`` gives the same. A polars expression gives an expression, which
runs the same code on each batch.

None of these libraries is imported here: an object can only be a pandas column if
pandas is already imported, so the module is taken from ``sys.modules``. That keeps
them optional and costs nothing at ``import slaclock``.

Time zones. A naive column holds wall times in the calendar's zone (or UTC with
``utc=True``), as for numpy. An aware column is read as the instants it holds:

- where an operation wants dates, each instant's civil date in the *calendar's* zone;
- where it wants instants, the UTC instants (the numpy path runs with ``utc=True``),
  and instants that come back are returned in the *column's* zone.

Dates come back naive: pandas as ``datetime64[s]`` midnights (it has no date
dtype), polars as ``Date``, pyarrow as ``date32``. NaT comes back as each library's
missing value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import sys
import zoneinfo
from collections.abc import Callable, Sequence
from typing import Any, Final, Protocol, final

import numpy as np
import numpy.typing as npt

from slaclock._base.distinct import by_identity
from slaclock._base.instants import NAT_INT, is_missing
from slaclock._base.select import midnights, valid_or_nat
from slaclock._base.zonemap import utc_to_wall, wall_to_utc
from slaclock.errors import InvalidInputError

__all__ = [
    "Zoned",
    "apply",
    "arrow_array",
    "arrow_buffers",
    "arrow_strings",
    "foreign",
    "is_expr",
    "pandas_aware",
    "polars_nulls",
    "polars_series",
]

_LIBS: Final = frozenset({"pandas", "polars", "pyarrow"})


class Zoned(Protocol):
    """What :func:`apply` needs of the calendar it serves: the zone a zone-aware date column is read in."""

    @property
    def tz(self) -> str: ...


def foreign(x: object) -> bool:
    """Whether ``x`` is a pandas, polars or pyarrow column (checked by its type's module, no import).

    Their scalars are not: ``pandas.Timestamp`` is a ``datetime``, ``pandas.Timedelta``
    a ``timedelta``, and the scalar paths take them as they are; ``NaT`` and ``NA`` are
    missing scalars (:func:`slaclock._base.instants.is_missing`).
    """
    t = type(x)
    return t.__module__.partition(".")[0] in _LIBS and not isinstance(x, (dt.date, dt.timedelta)) and not is_missing(x)


@final
@dataclasses.dataclass(frozen=True, slots=True)
class _Template:
    """How to give a result back in the kind of the first column passed in."""

    lib: str
    obj: Any
    tz: str | None


def apply(
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    roles: str,
    cal: Zoned,
    *,
    utc: bool | None = None,
) -> Any:
    """Run ``fn`` (a numpy path) on ``args`` with their dataframe columns as numpy arrays; wrap the result.

    ``roles`` has one letter per argument: ``d`` dates, ``t`` instants (or dates, by the
    column's type), ``v`` plain values (counts, durations), ``k`` keys (checked and aligned, passed as the column
    itself, for :func:`text_codes`), ``f`` text to factorize (:class:`Factorized`, or a numpy array for a column
    :func:`factorize` does not take), ``-`` passed unchanged.
    ``utc`` is the caller's ``utc=`` argument, or None when ``fn`` takes none.
    """
    if any(is_expr(a) for a in args):
        return _expression(fn, args, roles, cal, utc)
    template: _Template | None = None
    plain: list[Any] = []
    for a, role in zip(args, roles, strict=True):
        if role == "-" or not foreign(a):
            plain.append(a)
            continue
        lib = _lib(a)
        _check_column(a, lib)
        tz = _tz(a, lib)
        if template is None:
            template = _Template(lib, a, tz)
        else:
            _check_aligned(template, a, lib)
        if role == "k":
            plain.append(a)
        elif role == "f":
            plain.append(factorize(a, lib) or _numpy(a, lib))
        elif role == "d" and tz is not None:
            plain.append(_wall(a, lib, cal.tz))
        elif role in "dt" and tz is not None:
            plain.append(_utc(a, lib))
        else:
            plain.append(_numpy(a, lib))
    assert template is not None, "apply() is only called with a dataframe column among the arguments"
    aware = template.tz is not None and utc is not None
    if utc is not None:  # instants: an aware column is read as UTC, a naive one as wall time; one way per call
        kinds = {_tz(a, _lib(a)) is None for a, role in zip(args, roles, strict=True) if role == "t" and foreign(a)}
        if len(kinds) > 1:
            raise InvalidInputError("mixing a time-zone-aware column with a naive one: make both aware (or both naive)")
    result = fn(*plain, utc=True) if aware else (fn(*plain) if utc is None else fn(*plain, utc=utc))
    return wrap(result, template)


def wrap(result: Any, template: _Template) -> Any:
    """``result`` (a numpy array, or a result object of them) in the template's kind.

    A result object (``Deadlines``) is a dataclass naming its columns in ``COLUMNS``.
    """
    columns: tuple[str, ...] | None = getattr(type(result), "COLUMNS", None)
    if columns is not None:
        return dataclasses.replace(result, **{name: wrap(getattr(result, name), template) for name in columns})
    a = np.asarray(result)
    instants = a.dtype.kind == "M" and np.datetime_data(a.dtype)[0] != "D"
    tz = template.tz if instants else None
    lib, obj = template.lib, template.obj
    if lib == "pandas":
        pd = sys.modules["pandas"]
        if a.dtype == np.dtype("datetime64[D]"):
            a = midnights(a)
        values = pandas_aware(a.reshape(-1), tz, owned=False) if tz else a  # positional, whatever the index
        if isinstance(obj, pd.Index):
            return pd.Index(values, name=obj.name, copy=False)
        return pd.Series(values, index=obj.index, name=obj.name, copy=False)
    if lib == "polars":
        return polars_series(obj.name, a, tz)
    pa = sys.modules["pyarrow"]
    arr = arrow_array(a, tz)
    return pa.chunked_array([arr]) if isinstance(obj, pa.ChunkedArray) else arr


def polars_series(name: str, a: npt.NDArray[Any], tz: str | None = None) -> Any:
    """A polars Series of a numpy column; a ``datetime64``/``timedelta64`` one (``[D]``, ``[ms]``, ``[us]``,
    ``[ns]``) from its int64 values, NaT as null set in one pass (polars' own constructor scatters the nulls,
    about 8 ms a million rows). ``tz``: instants are UTC, shown in that zone (the values stay: polars stores
    UTC)."""
    pl = sys.modules["polars"]
    unit = np.datetime_data(a.dtype)[0] if a.dtype.kind in "mM" else None
    width: type[np.signedinteger[Any]]
    if unit == "D" and a.dtype.kind == "M":
        kind, width = pl.Date, np.int32
    elif unit in ("ms", "us", "ns"):
        kind = pl.Datetime(unit, tz) if a.dtype.kind == "M" else pl.Duration(unit)
        width = np.int64
    else:  # not temporal (polars refuses datetime64 of other units, zoned or not)
        return pl.Series(name, a)
    v = np.ascontiguousarray(a).view(np.int64)
    return polars_nulls(pl.Series(name, v.astype(width, copy=False)).cast(kind), v == NAT_INT)


def arrow_array(a: npt.NDArray[Any], tz: str | None = None) -> Any:
    """A pyarrow Array of a numpy column; a ``datetime64``/``timedelta64`` one (``[D]`` as ``date32``, ``[s]`` to
    ``[ns]``, instants in ``tz`` if given) over its own int64 buffer, NaT as null in a validity bitmap (pyarrow's
    own conversion copies the values and finds the NaT in two more passes)."""
    pa = sys.modules["pyarrow"]
    unit = np.datetime_data(a.dtype)[0] if a.dtype.kind in "mM" else None
    width: type[np.signedinteger[Any]] = np.int64
    if unit == "D" and a.dtype.kind == "M":
        kind, width = pa.date32(), np.int32
    elif unit in ("s", "ms", "us", "ns"):
        kind = pa.timestamp(unit, tz=tz) if a.dtype.kind == "M" else pa.duration(unit)
    elif a.dtype.kind in "biu":  # no missing values: from buffers (see arrow_buffers)
        return arrow_buffers(pa.from_numpy_dtype(a.dtype), np.ascontiguousarray(a).reshape(-1))
    else:
        return pa.array(a, from_pandas=True)  # floats: NaN as null
    v = np.ascontiguousarray(a).view(np.int64).reshape(-1)
    return arrow_buffers(kind, v.astype(width, copy=False), v != NAT_INT)  # int64: the column's own buffer


def arrow_buffers(kind: Any, values: npt.NDArray[Any], valid: npt.NDArray[np.bool_] | None = None) -> Any:
    """A pyarrow Array of ``kind`` over the numpy ``values`` themselves (no copy), null where not ``valid`` (a
    validity bitmap only if some are not; None: none is null). A boolean ``kind`` takes numpy booleans, packed.

    The Arrow results are made from buffers, never with ``pa.array``, which imports pandas wherever it is
    installed (46 MiB, for a caller who may never use it)."""
    pa = sys.modules["pyarrow"]
    nulls = 0 if valid is None else valid.size - int(np.count_nonzero(valid))
    bits = None if nulls == 0 or valid is None else pa.py_buffer(np.packbits(valid, bitorder="little"))
    data = np.packbits(values, bitorder="little") if pa.types.is_boolean(kind) else values
    return pa.Array.from_buffers(kind, values.size, [bits, pa.py_buffer(data)], null_count=nulls)


def arrow_strings(texts: Sequence[str]) -> Any:
    """A pyarrow string Array of ``texts`` (a few: a dictionary's words), from buffers (see :func:`arrow_buffers`)."""
    pa = sys.modules["pyarrow"]
    data = [t.encode() for t in texts]
    offsets = np.zeros(len(data) + 1, dtype=np.int32)
    np.cumsum([len(b) for b in data], out=offsets[1:])
    return pa.Array.from_buffers(pa.string(), len(data), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))])


def pandas_aware(a: npt.NDArray[np.datetime64], tz: str, owned: bool) -> Any:
    """A pandas ``DatetimeArray`` of the UTC instants ``a`` shown in ``tz``.

    ``owned``: ``a`` is a fresh array that nothing else holds (a result the engine made), so the pandas array is
    made on its memory, without the copy ``tz_localize("UTC")`` makes (the 80 MB of fresh pages of a 10M-row
    column: a tenth of evaluate's time on a 10M-row DataFrame); else on a copy of it. That takes
    ``DatetimeArray._simple_new``, which is not public: it is used only after :func:`_simple_new_shares` has seen
    it keep a probe's values in place, as UTC, else (and for a unit it does not take) the public way, with its
    copy. On a short column the public way's fixed cost is the whole cost: about 110 µs a column, against 2.

    >>> import numpy as np, pandas  # the caller has pandas: it is handed a pandas column
    >>> a = np.array(["2026-01-05T01:30", "NaT"], dtype="datetime64[us]")
    >>> aware = pandas_aware(a, "Asia/Shanghai", owned=False)
    >>> [str(t) for t in aware]
    ['2026-01-05 09:30:00+08:00', 'NaT']
    >>> np.shares_memory(aware.asi8, a)
    False
    """
    pd = sys.modules["pandas"]
    unit = np.datetime_data(a.dtype)[0]
    if unit in ("s", "ms", "us", "ns") and a.ndim == 1 and _simple_new_shares():
        mine = owned and a.flags.c_contiguous
        return _on_values(a if mine else a.copy(), pd.DatetimeTZDtype(unit, tz))
    return pd.Series(a, copy=False).dt.tz_localize("UTC").dt.tz_convert(tz).array


def _on_values(a: npt.NDArray[np.datetime64], dtype: Any) -> Any:
    """pandas' own constructor of a ``DatetimeArray`` on the values given, unchecked (not public)."""
    return sys.modules["pandas"].arrays.DatetimeArray._simple_new(a, dtype=dtype)


@functools.cache
def _simple_new_shares() -> bool:
    """Whether this pandas' ``DatetimeArray._simple_new`` makes an aware array on the values given, read as UTC."""
    pd = sys.modules["pandas"]
    probe = np.array([0, NAT_INT], dtype=np.int64).view("datetime64[us]")
    try:
        made = _on_values(probe, pd.DatetimeTZDtype("us", "Asia/Shanghai"))
        return bool(
            np.shares_memory(made.asi8, probe)
            and made[0] == pd.Timestamp("1970-01-01T08:00", tz="Asia/Shanghai")
            and made[1] is pd.NaT
            and str(made.dtype) == "datetime64[us, Asia/Shanghai]"
        )
    except Exception:  # any failure of a private constructor means: use the public way
        return False


def polars_nulls(s: Any, missing: npt.NDArray[np.bool_]) -> Any:
    """The polars Series ``s`` with null where ``missing`` (one pass; ``s`` itself where nothing is missing).

    ``Series.set`` writes the validity straight: 0.15 ms a million rows, where ``pl.when(...).then(s)`` went
    through a query (0.28 ms, twice that among evaluate's other work)."""
    if not missing.any():
        return s
    pl = sys.modules["polars"]
    return s.set(pl.Series(missing), None)


# -- reading columns ----------------------------------------------------------------------------


def _lib(x: object) -> str:
    return type(x).__module__.partition(".")[0]


def _tz(x: Any, lib: str) -> str | None:
    """The column's time zone name, or None for naive (and non-datetime) columns."""
    if lib == "pandas":
        tz = getattr(x.dtype, "tz", None)
    elif lib == "polars":
        tz = getattr(x.dtype, "time_zone", None)
    else:
        tz = getattr(x.type, "tz", None)
    return None if tz is None else str(tz)


def _numpy(x: Any, lib: str) -> Any:
    """A naive or non-datetime column as a numpy array (no copy where the library holds numpy-compatible data)."""
    if lib == "pandas":
        return x.to_numpy()
    if lib == "polars":
        pl = sys.modules["polars"]
        if not isinstance(x, pl.Series):
            raise _unsupported(x)
        read = _polars_temporal(x, pl)
        return x.to_numpy() if read is None else read
    pa = sys.modules["pyarrow"]
    if not isinstance(x, (pa.Array, pa.ChunkedArray)):
        raise _unsupported(x)
    if pa.types.is_integer(x.type) and x.null_count:
        raise InvalidInputError(f"a pyarrow integer column with {x.null_count} nulls: fill or drop them first")
    read = _arrow_datetimes(x, pa)
    return x.to_numpy(zero_copy_only=False) if read is None else read


Codes = npt.NDArray[np.int16]
UNKNOWN: Final = -1
"""In :func:`text_codes`: a value not among the known ones."""
MISSING: Final = -2
"""In :func:`text_codes`: a missing value (None, NaN, null)."""


def text_codes(x: Any, lib: str, known: Sequence[str]) -> tuple[Codes, Callable[[int], object]] | None:
    """A column of text as each row's position in ``known`` (:data:`UNKNOWN` for another value, :data:`MISSING`
    for a missing one), found by the column's own library, with no Python object per row; and a function giving the
    value of a row, for messages. None for a column it does not code this way (numbers, Python objects, text in
    numpy): :func:`_numpy` reads it.

    Reading text into numpy makes a Python string per row (about 50 ns for pandas' Arrow strings) and comparing
    those costs about 13 ns a row for each known value; here it is a hash lookup per row in C (about 11 ns for
    Arrow's text), a comparison per known value in Rust (polars, about 1.5 ns a row each), or a gather from the
    categories of a categorical column (about 1 ns).
    """
    if lib == "pandas":
        return _pandas_codes(x, known)
    if lib == "polars":
        return _polars_codes(x, known)
    return _arrow_codes(x, known)


def _lookup(values: Sequence[object], known: Sequence[str]) -> Codes:
    """Each of a column's distinct ``values`` as its position in ``known``, and :data:`MISSING` last (for code -1)."""
    at = {name: j for j, name in enumerate(known)}
    return np.array([at.get(v, UNKNOWN) if isinstance(v, str) else UNKNOWN for v in values] + [MISSING], dtype=np.int16)


def _pandas_codes(x: Any, known: Sequence[str]) -> tuple[Codes, Callable[[int], object]] | None:
    pd = sys.modules["pandas"]
    array, dtype = x.array, x.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        if len(dtype.categories) and dtype.categories.dtype.kind in "biufcmM":
            return None  # numbers for keys: refused as numpy refuses them (no categories: every row is missing)
        return _lookup(list(dtype.categories), known).take(array.codes), array.__getitem__  # code -1: MISSING
    arrow = (isinstance(dtype, pd.StringDtype) and dtype.storage != "python") or (
        isinstance(dtype, pd.ArrowDtype) and _arrow_text(dtype.pyarrow_dtype)
    )
    if not arrow:
        return None
    coded = _arrow_codes(sys.modules["pyarrow"].array(array), known)  # the column's own Arrow data, no copy
    return None if coded is None else (coded[0], array.__getitem__)


_COMPARED = 2
"""Up to this many known values a polars text column is compared with each (about 4-8 ns a row each); past it,
cast to an ``Enum`` of them (11-15 ns a row, however many; a module attribute, so tests can take either way)."""


def _polars_codes(x: Any, known: Sequence[str]) -> tuple[Codes, Callable[[int], object]] | None:
    pl = sys.modules["polars"]
    if not isinstance(x, pl.Series):
        return None
    if isinstance(x.dtype, pl.Enum):  # its physical values are positions in its categories
        codes = _lookup(list(x.dtype.categories), known).take(x.to_physical().fill_null(-1).to_numpy())
    elif x.dtype in (pl.String, pl.Categorical):
        codes = _polars_known(x, known, pl)
        if x.null_count():  # null is no known value either
            codes = np.where(x.is_null().to_numpy(), np.int16(MISSING), codes)
    else:
        return None
    return np.asarray(codes, dtype=np.int16), x.__getitem__


def _polars_known(x: Any, known: Sequence[str], pl: Any) -> npt.NDArray[Any]:
    """Each row of a polars text column as its position in ``known`` (:data:`UNKNOWN` for another value; a null
    row's code is left to the caller)."""
    if len(known) <= _COMPARED:  # a comparison per known value, in Rust
        codes = np.full(len(x), UNKNOWN, dtype=np.int16)
        nulls = x.null_count()
        for j, name in enumerate(known):  # the known values are distinct: a row adds j + 1 at most once
            hit = x == name  # not eq_missing: through an expression, twice the time
            codes += (hit.fill_null(False) if nulls else hit).to_numpy().view(np.int8) * np.int16(j + 1)
        return codes
    try:  # a strict cast: a value not among them raises, and is looked up below
        physical = x.cast(pl.Enum(list(known))).to_physical()
    except pl.exceptions.PolarsError:
        physical = x.replace_strict(list(known), range(len(known)), default=UNKNOWN, return_dtype=pl.Int16)
    return np.asarray(physical.fill_null(UNKNOWN).to_numpy(), dtype=np.int16)


def _arrow_text(t: Any) -> bool:
    pa = sys.modules["pyarrow"]
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t))


def _arrow_codes(x: Any, known: Sequence[str]) -> tuple[Codes, Callable[[int], object]] | None:
    pa = sys.modules["pyarrow"]
    t = x.type
    if not (_arrow_text(t) or (pa.types.is_dictionary(t) and _arrow_text(t.value_type))):
        return None  # string_view has no index_in kernel (pyarrow 22): numpy reads it
    pc = importlib.import_module("pyarrow.compute")
    found = pc.index_in(x, value_set=pa.array(list(known), type=pa.string())).fill_null(UNKNOWN)
    codes = np.asarray(found, dtype=np.int16)
    if x.null_count:  # null is not found either
        codes[np.asarray(x.is_null(), dtype=bool)] = MISSING
    return codes, lambda i: x[i].as_py()


@final
@dataclasses.dataclass(frozen=True, slots=True)
class Factorized:
    """A column as its distinct values, in the order of their first rows, and each row's index among them (-1 for
    a missing value, or a missing value among the values), found by its library or, for Python objects, by their
    identity (:func:`factorize`)."""

    codes: npt.NDArray[np.int64]
    values: tuple[object, ...]

    @property
    def shape(self) -> tuple[int, ...]:
        return self.codes.shape

    def objects(self) -> npt.NDArray[np.object_]:
        """The column as a numpy array of its values (None for a missing one), each distinct value one object."""
        table = np.empty(len(self.values) + 1, dtype=object)
        table[: len(self.values)] = self.values
        return table.take(self.codes)  # -1: the last, None


def factorize(x: Any, lib: str) -> Factorized | None:
    """A column of text (a period per row, say) as :class:`Factorized`, with no Python object per row: a pandas
    column of objects by their identity where it holds a few (:func:`~slaclock._base.distinct.by_identity`: about 3
    ns a row for three objects, where hashing took 32 for text and 196 for ``Period`` objects), else pandas'
    ``factorize`` (about 15 ns a row on Arrow strings, 2 on a categorical), polars' ``unique`` and a cast to an
    ``Enum`` of those values (a comparison per value took about 7 ns a row each: three values, 45 against 27 in
    all), Arrow's ``unique`` and ``index_in``. None for other columns (numbers, Python objects in polars or Arrow):
    :func:`_numpy` reads them."""
    if lib == "pandas":
        pd = sys.modules["pandas"]
        dtype = x.dtype
        text = (
            dtype == np.dtype("O")
            or isinstance(dtype, pd.StringDtype)
            or (isinstance(dtype, pd.ArrowDtype) and _arrow_text(dtype.pyarrow_dtype))
            or (isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype.kind not in "biufcmM")
        )
        if not text:
            return None
        if dtype == np.dtype("O"):  # a few objects on every row (Period objects, literals): by identity, no hash
            objects = np.asarray(x).reshape(-1)
            found = by_identity(objects)
            if found is not None:
                first, codes = found
                return Factorized(codes, tuple(objects[i] for i in first))  # a missing value is one of them
        try:
            codes, uniques = pd.factorize(x)  # uniques in the order of their first rows; missing: -1
        except TypeError:  # an unhashable value: numpy reads the column, and the period reader names it
            return None
        return Factorized(np.asarray(codes, dtype=np.int64), tuple(uniques))
    if lib == "polars":
        pl = sys.modules["polars"]
        if not isinstance(x, pl.Series) or not (x.dtype in (pl.String, pl.Categorical) or isinstance(x.dtype, pl.Enum)):
            return None
        if isinstance(x.dtype, pl.Enum):  # its physical values are positions in its categories: no text read
            physical = np.asarray(x.to_physical().fill_null(-1).to_numpy(), dtype=np.int64)
            present = x.to_physical().drop_nulls().unique().to_list()  # a category no row has is not read
            present.sort(key=lambda c: int(np.argmax(physical == c)))  # in the order of their first rows
            slot = np.full(len(x.dtype.categories) + 1, -1, dtype=np.int64)
            slot[present] = np.arange(len(present))
            return Factorized(slot.take(physical), tuple(x.dtype.categories[c] for c in present))
        values = x.drop_nulls().unique(maintain_order=True).cast(pl.String)
        if len(values) == 1:  # one comparison (about 7 ns a row), where the cast below costs about 15
            codes = (x == values[0]).fill_null(False).to_numpy().astype(np.int64) - 1
        else:  # the column as an Enum of its own values, in the order of their first rows: its codes are theirs
            codes = np.asarray(x.cast(pl.Enum(values)).to_physical().fill_null(-1).to_numpy(), dtype=np.int64)
        return Factorized(codes, tuple(values.to_list()))
    pa = sys.modules["pyarrow"]
    t = x.type
    if not (_arrow_text(t) or (pa.types.is_dictionary(t) and _arrow_text(t.value_type))):
        return None
    pc = importlib.import_module("pyarrow.compute")
    values = pc.unique(pc.drop_null(x)).to_pylist()  # in the order of their first rows
    found = pc.index_in(x, value_set=pa.array(values, type=pa.string())).fill_null(-1)
    return Factorized(np.asarray(found, dtype=np.int64), tuple(values))


def _utc(x: Any, lib: str) -> Any:
    """An aware column as naive UTC ``datetime64``."""
    if lib == "pandas":
        pd = sys.modules["pandas"]
        return pd.DatetimeIndex(x).tz_convert(None).to_numpy()
    return _numpy(x, lib)  # polars and Arrow store UTC


def _polars_temporal(x: Any, pl: Any) -> npt.NDArray[Any] | None:
    """A polars ``Datetime``, ``Date`` or ``Duration`` Series with nulls as ``datetime64``/``timedelta64`` of its
    unit (``Date`` as days; an aware ``Datetime`` as its stored UTC), nulls as NaT, read through the Arrow C stream
    (:func:`~slaclock._base.arrowc.read_temporal`); None where polars' own ``to_numpy`` does as well (no nulls:
    it shares the values) or the type is another.

    polars' ``to_numpy`` takes 2.4-2.8 ns a row where a ``Datetime`` has nulls, against about 1.1 here, and makes a
    ``Date`` with nulls an array of ``date`` objects and ``None``."""
    if not x.null_count() or not isinstance(x.dtype, (pl.Datetime, pl.Duration, pl.Date)):
        return None
    if not hasattr(x, "__arrow_c_stream__"):  # polars before the PyCapsule interface (before 1.3)
        return None
    from slaclock._base.arrowc import read_temporal  # ctypes: not at import slaclock

    return read_temporal(x)


def _arrow_datetimes(x: Any, pa: Any) -> npt.NDArray[np.datetime64] | None:
    """A pyarrow timestamp or date column as ``datetime64`` of its unit (``date32`` and ``date64`` as days), nulls as
    NaT, read from its buffers; None for other types. (Arrow's ``to_numpy`` goes through pandas for these: it
    imports it, 46 MiB, and converts at about 3 ns a row against 1.1 here: 65,536 rows, 30 % null.) One chunk
    without nulls is shared, read-only."""
    kind = x.type
    if pa.types.is_timestamp(kind):
        unit, width = kind.unit, 8
    elif pa.types.is_date32(kind):
        unit, width = "D", 4
    elif pa.types.is_date64(kind):
        unit, width = "ms", 8
    else:
        return None
    chunks = [c for c in (x.chunks if isinstance(x, pa.ChunkedArray) else [x]) if len(c)]
    raw = np.int64 if width == 8 else np.int32

    def values(c: Any) -> npt.NDArray[Any]:
        return np.frombuffer(c.buffers()[1], dtype=raw, count=len(c), offset=c.offset * width)

    if len(chunks) == 1 and width == 8 and not chunks[0].null_count and unit != "ms":
        return values(chunks[0]).view(f"datetime64[{unit}]")
    out = np.empty(len(x), dtype=np.int64)
    at = 0
    for c in chunks:
        dest = out[at : at + len(c)]
        if c.null_count:  # the validity bitmap's bits from the chunk's offset: set where a value is
            valid_or_nat(values(c), np.frombuffer(c.buffers()[0], dtype=np.uint8), c.offset, dest)
        else:
            dest[...] = values(c)
        at += len(c)
    if pa.types.is_date64(kind):  # a date (its midnight in ms): days, as date32 and numpy dates are read
        return out.view("datetime64[ms]").astype("datetime64[D]")
    return out.view(f"datetime64[{unit}]")


_DATE_SPAN_S: Final = (-62_135_683_200, 253_402_300_800)
"""The UTC instants (seconds) an aware column of dates may hold, 0000-12-31 to 9999-12-31 (the years 1-9999 as some
zone's wall dates). The libraries' own conversions fail past them: polars panics at int64's ends, pandas raises its
own errors (``OutOfBoundsDatetime``; ``NotImplementedError`` in the year 10000 in a zone with summer time) or wraps,
Arrow wraps."""

_PER_SECOND: Final = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
_INT64_MAX: Final = int(np.iinfo(np.int64).max)


@functools.lru_cache(maxsize=64)
def _ns_span(tz: str) -> tuple[int, int]:
    """The ns instants whose wall times in ``tz`` int64 holds: int64's ends less the zone's offsets there (read from
    zoneinfo at 1677 and 2262, winter and summer) and an hour more, for the libraries' own zone data; a day where
    ``tz`` is not a zoneinfo name."""
    hour = 3_600 * 10**9
    try:
        zone = zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return NAT_INT + 1 + 24 * hour, _INT64_MAX - 24 * hour

    def offsets(*days: dt.datetime) -> list[int]:
        return [int((zone.utcoffset(d) or dt.timedelta()).total_seconds()) * 10**9 for d in days]

    low = min(offsets(dt.datetime(1677, 9, 22), dt.datetime(1678, 7, 1)))
    high = max(offsets(dt.datetime(2262, 1, 1), dt.datetime(2261, 7, 1)))
    return NAT_INT + 1 + max(-low, 0) + hour, _INT64_MAX - max(high, 0) - hour


def _check_date_span(x: Any, lib: str, tz: str) -> None:
    """Refuse an aware column whose stored UTC instants leave :data:`_DATE_SPAN_S` (``datetime64[ns]``: what
    :func:`_ns_span` gives ``tz``), naming the first (two reductions over the column, ignoring nulls; a far cheaper
    pass than the zone conversion that follows)."""
    if lib == "pandas":
        unit = x.dtype.unit
        ints = np.asarray(sys.modules["pandas"].DatetimeIndex(x).asi8)  # stored UTC, NaT as NAT_INT; no copy
        lo: int | None = int(ints.min()) if ints.size else None
        hi: int | None = int(ints.max()) if ints.size else None
        if lo == NAT_INT:  # NaT is the least: the least of the others, if any
            live = ints[ints != NAT_INT]
            lo = int(live.min()) if live.size else None
    elif lib == "polars":
        unit = x.dtype.time_unit
        physical = x.to_physical()
        lo, hi = physical.min(), physical.max()
    else:
        pa = sys.modules["pyarrow"]
        pc = importlib.import_module("pyarrow.compute")
        unit = x.type.unit
        found = pc.min_max(x.cast(pa.int64())).as_py()
        lo, hi = found["min"], found["max"]
    first, end = _ns_span(tz) if unit == "ns" else (v * _PER_SECOND[unit] for v in _DATE_SPAN_S)
    if lo is None or hi is None or (first <= lo and hi < end):  # None: every value null
        return
    values, valid = _stored(x, lib)
    bad = int(np.flatnonzero(valid & ((values < first) | (values >= end)))[0])
    v = int(values[bad])
    shown = "int64's least value" if v == NAT_INT else f"{np.datetime64(v, unit)} UTC"
    where = (
        f"too near an end of datetime64[ns] for its wall time in {tz} to be held"
        if unit == "ns"
        else "outside the years 1 to 9999 (0000-12-31 to 9999-12-31 UTC): no calendar's days reach it"
    )
    raise InvalidInputError(f"a date column's value at index {bad}, {shown}, is {where}")


def _stored(x: Any, lib: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """An aware column's stored int64 values (0 for null) and where they are not null: a non-null int64 least
    value told from a null, as ``datetime64`` cannot (pandas has none: its NaT is that value)."""
    if lib == "pandas":
        ints = np.asarray(sys.modules["pandas"].DatetimeIndex(x).asi8)
        return ints, ints != NAT_INT
    if lib == "polars":
        return x.to_physical().fill_null(0).to_numpy(), ~x.is_null().to_numpy()
    pa = sys.modules["pyarrow"]
    pc = importlib.import_module("pyarrow.compute")
    ints = np.asarray(pc.fill_null(x.cast(pa.int64()), 0), dtype=np.int64)
    return ints, np.asarray(pc.is_valid(x), dtype=bool)


def _wall(x: Any, lib: str, tz: str) -> Any:
    """An aware column as naive wall times in ``tz`` (the calendar's zone); refused outside years 1-9999
    (:func:`_check_date_span`)."""
    _check_date_span(x, lib, tz)
    if lib == "pandas":
        pd = sys.modules["pandas"]
        return pd.DatetimeIndex(x).tz_convert(tz).tz_localize(None).to_numpy()
    utc = _utc(x, lib)  # polars and Arrow: their own conversions drop summer time in far years (utc_to_wall)
    return utc_to_wall(utc.view(np.int64), np.datetime_data(utc.dtype)[0], tz, NAT_INT).view(utc.dtype)


def wall_times(x: Any, lib: str, tz: str | None = None) -> npt.NDArray[np.datetime64]:
    """An aware pandas, polars or pyarrow column as naive wall times (NaT for null) in ``tz``, by default its own
    zone; polars and Arrow by :func:`~slaclock._base.zonemap.utc_to_wall` (their own conversions drop summer time in
    far years). Refused outside the years 1-9999, as :func:`_wall` refuses."""
    zone = tz or _tz(x, lib)
    if zone is None:
        raise InvalidInputError(f"wall_times takes an aware column; got a naive {lib} column")
    wall: npt.NDArray[np.datetime64] = _wall(x, lib, zone)
    return wall


def arrow_instants(x: Any, tz: str) -> Any:
    """A naive pyarrow timestamp column of wall times in ``tz`` as an aware one (``timestamp[unit, tz]``): a repeated
    wall time at its first occurrence, as slaclock reads one; a wall time the clocks skip is refused, naming it. By
    :func:`~slaclock._base.zonemap.wall_to_utc`: Arrow's ``assume_timezone`` drops summer time from 2038 on."""
    wall = _numpy(x, "pyarrow")
    unit = np.datetime_data(wall.dtype)[0]
    utc, skipped = wall_to_utc(wall.view(np.int64), unit, tz, NAT_INT)
    if skipped.any():
        i = int(np.argmax(skipped))
        raise InvalidInputError(
            f"a wall time that does not exist in {tz} (a DST gap): {wall[i]} at index {i}; give an aware instant"
        )
    return arrow_array(utc.view(wall.dtype), tz)


def _check_aligned(template: _Template, x: Any, lib: str) -> None:
    if lib != template.lib:
        raise InvalidInputError(f"columns from {template.lib} and {lib} in one call: convert one of them first")
    if lib == "pandas" and hasattr(x, "index") and hasattr(template.obj, "index"):
        a, b = template.obj.index, x.index
        if a is not b and not a.equals(b):
            raise InvalidInputError(
                "two pandas Series with different indexes: slaclock works by position, as numpy does, and will "
                "not align them silently; align them first (a.align(b)) or pass columns of one DataFrame"
            )


def _check_column(x: object, lib: str) -> None:
    """Refuse what is not one column (a whole DataFrame or Table, a polars LazyFrame, a scalar of the library)."""
    if lib == "pandas":
        pd = sys.modules["pandas"]
        ok = isinstance(x, (pd.Series, pd.Index))
    elif lib == "polars":
        pl = sys.modules["polars"]
        ok = isinstance(x, (pl.Series, pl.Expr))
    else:
        pa = sys.modules["pyarrow"]
        ok = isinstance(x, (pa.Array, pa.ChunkedArray))
    if not ok:
        raise _unsupported(x)


def _unsupported(x: object) -> InvalidInputError:
    name = type(x).__qualname__
    hint = "; pass one of its columns, e.g. df['opened']" if name.endswith(("Frame", "Table", "RecordBatch")) else ""
    return InvalidInputError(
        f"expected a column (pandas Series/Index, polars Series or expression, pyarrow Array/ChunkedArray); "
        f"got a {type(x).__module__.partition('.')[0]} {name}{hint}"
    )


# -- polars expressions -----------------------------------------------------------------------------


def is_expr(x: object) -> bool:
    if not type(x).__module__.startswith("polars"):
        return False
    return isinstance(x, sys.modules["polars"].Expr)


def _expression(fn: Callable[..., Any], args: tuple[Any, ...], roles: str, cal: Zoned, utc: bool | None) -> Any:
    """An expression that runs ``apply`` on each batch of the expressions among ``args``."""
    pl = sys.modules["polars"]
    where = [i for i, a in enumerate(args) if is_expr(a)]

    def run(batch: Any) -> Any:
        values = list(args)
        if len(where) == 1:
            values[where[0]] = batch
        else:
            for i in where:
                values[i] = batch.struct.field(f"a{i}")
        return apply(fn, tuple(values), roles, cal, utc=utc)

    def typed(source: Any, dtype: Any) -> Any:
        probe = run(pl.Series(dtype=dtype))  # an empty batch: the result's dtype, from the same code
        return source.map_batches(run, return_dtype=probe.dtype, is_elementwise=True)

    if len(where) == 1:
        source = args[where[0]]
    else:  # named as polars names ``a + b``: after its first (leftmost) expression, not the struct's field
        source = pl.struct(**{f"a{i}": args[i] for i in where}).alias(_output_name(args[where[0]]))
    if not hasattr(source, "pipe_with_dtype"):  # older polars: it infers the type from the first batch
        return source.map_batches(run, is_elementwise=True)
    return source.pipe_with_dtype(typed)


def _output_name(expr: Any) -> str:
    """The name polars gives ``expr``'s column; "literal" for one without a column (as polars names a literal)."""
    try:
        return str(expr.meta.output_name())
    except sys.modules["polars"].exceptions.PolarsError:  # a name that depends on the frame (``pl.all()``)
        return "literal"
