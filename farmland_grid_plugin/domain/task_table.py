"""The county task table (任务清单): change patches counted and measured per unit in the blocks and columns of
a column definition the county edits, so that a county with other columns gets its own table without code.

A definition (JSON, see resources/task_tables/) names blocks of columns; each column counts the patches whose
measure (整改类型 / 处置方式, a field of the patches) is one of its values, optionally only patches on or off
permanent basic farmland (the same measure 就地恢复 is a PBF task on PBF and a farmland task elsewhere; on PBF:
at least the definition's ``pbf_share`` of the patch, half by default). A patch whose measure no column takes
is not dropped: it is counted in an extra 其他/未归类 column and listed.
Subtotals (小计), the row totals (合计) and the county's 合计 row are sums of the unrounded areas, rounded last.
"""

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

import numpy as np

from .messages import QT_TR_NOOP, DomainError, Message

AREA_KINDS = ("patch", "farmland", "pbf")
AREA_NAMES = {"patch": "图斑面积", "farmland": "占用耕地面积", "pbf": "占用永久基本农田面积"}
COUNT_HEADING, AREA_HEADING = "图斑数", "面积（亩）"
SUBTOTAL, TOTAL = "小计", "合计"
UNCLASSIFIED = "其他/未归类"
OUTSIDE_UNITS = "（不在任何单位内）"
NO_VALUE = "（空）"
DEFAULT_PBF_SHARE = 0.5

_TOP_KEYS = {"title", "unit_heading", "area", "pbf_share", "note", "blocks"}
_BLOCK_KEYS = {"name", "subtotal", "columns"}
_COLUMN_KEYS = {"name", "values", "pbf"}


@dataclass(frozen=True)
class TaskColumn:
    name: str
    values: tuple  # measure values counted in this column
    pbf: Optional[bool]  # True: only patches on PBF; False: only patches off it; None: any


@dataclass(frozen=True)
class TaskBlock:
    name: str
    columns: tuple
    subtotal: bool


@dataclass(frozen=True)
class TaskDefinition:
    title: str
    unit_heading: str
    area: str  # one of AREA_KINDS: which area the 面积 columns add up
    pbf_share: float  # a patch is on PBF when at least this share of it lies on PBF
    note: str
    blocks: tuple
    source: str  # the file name, for messages and the note line

    @property
    def columns(self) -> list:
        return [column for block in self.blocks for column in block.columns]


def _problem(source: str, where: Message, template: str, **params) -> DomainError:
    return DomainError(
        QT_TR_NOOP("Task table definition {file}, {where}: {problem}"),
        file=source,
        where=where,
        problem=Message(template, **params),
    )


def _text(value, source, where, key, required=True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _problem(source, where, QT_TR_NOOP("'{key}' must be a non-empty text"), key=key)
    return value.strip()


def _known_keys(entry, allowed, source, where) -> None:
    if not isinstance(entry, dict):
        raise _problem(source, where, QT_TR_NOOP("expected an object with {keys}"), keys=", ".join(sorted(allowed)))
    unknown = sorted(set(entry) - allowed)
    if unknown:
        message = QT_TR_NOOP("unknown entry '{key}' (known: {keys})")
        raise _problem(source, where, message, key=unknown[0], keys=", ".join(sorted(allowed)))


def _column(entry, source, where) -> TaskColumn:
    _known_keys(entry, _COLUMN_KEYS, source, where)
    name = _text(entry.get("name"), source, where, "name")
    values = entry.get("values", [name])
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise _problem(source, where, QT_TR_NOOP("'values' must be a list of non-empty texts (the measure values counted)"))
    pbf = entry.get("pbf")
    if pbf is not None and not isinstance(pbf, bool):
        raise _problem(source, where, QT_TR_NOOP("'pbf' must be true (patches on PBF only) or false (off PBF only)"))
    return TaskColumn(name, tuple(v.strip() for v in values), pbf)


def _block(entry, number, source) -> TaskBlock:
    where = Message(QT_TR_NOOP("block {number}"), number=number)
    _known_keys(entry, _BLOCK_KEYS, source, where)
    name = _text(entry.get("name"), source, where, "name")
    where = Message(QT_TR_NOOP("block {number} ({name})"), number=number, name=name)
    subtotal = entry.get("subtotal", False)
    if not isinstance(subtotal, bool):
        raise _problem(source, where, QT_TR_NOOP("'subtotal' must be true or false"))
    columns = entry.get("columns")
    if not isinstance(columns, list) or not columns:
        raise _problem(source, where, QT_TR_NOOP("'columns' must be a non-empty list"))
    parsed = []
    for k, column in enumerate(columns, start=1):
        at = Message(QT_TR_NOOP("block {number} ({name}), column {column}"), number=number, name=name, column=k)
        parsed.append(_column(column, source, at))
    return TaskBlock(name, tuple(parsed), subtotal)


def _check_unambiguous(blocks, source) -> None:
    """No measure value may fall into two columns for the same patch."""
    seen = {}
    for b, block in enumerate(blocks, start=1):
        for c, column in enumerate(block.columns, start=1):
            here = Message(QT_TR_NOOP("block {number} ({name}), column {column}"), number=b, name=block.name, column=c)
            for value in column.values:
                for pbf, there in seen.get(value, []):
                    if pbf is None or column.pbf is None or pbf == column.pbf:
                        message = QT_TR_NOOP("the value '{value}' is also counted in {other}; a patch must fall in one column")
                        raise _problem(source, here, message, value=value, other=there)
                seen.setdefault(value, []).append((column.pbf, here))


def parse_definition(text: str, source: str) -> TaskDefinition:
    """The definition in JSON ``text`` read from file ``source``; a DomainError names the file and the entry."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = Message(QT_TR_NOOP("line {line}, column {column}"), line=exc.lineno, column=exc.colno)
        raise _problem(source, where, QT_TR_NOOP("not valid JSON ({error})"), error=exc.msg) from None
    top = Message(QT_TR_NOOP("top level"))
    _known_keys(data, _TOP_KEYS, source, top)
    area = data.get("area", "patch")
    if area not in AREA_KINDS:
        raise _problem(source, top, QT_TR_NOOP("'area' must be one of {kinds}"), kinds=", ".join(AREA_KINDS))
    share = data.get("pbf_share", DEFAULT_PBF_SHARE)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise _problem(source, top, QT_TR_NOOP("'pbf_share' must be a number above 0 and at most 1"))
    blocks = data.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        raise _problem(source, top, QT_TR_NOOP("'blocks' must be a non-empty list"))
    parsed = tuple(_block(entry, n, source) for n, entry in enumerate(blocks, start=1))
    _check_unambiguous(parsed, source)
    return TaskDefinition(
        title=_text(data.get("title"), source, top, "title", required=False),
        unit_heading=_text(data.get("unit_heading", "单位名称"), source, top, "unit_heading"),
        area=area,
        pbf_share=float(share),
        note=_text(data.get("note"), source, top, "note", required=False),
        blocks=parsed,
        source=source,
    )


def measure_text(value) -> str:
    """A measure value as the definition compares it: stripped text, "" for none."""
    return "" if value is None else str(value).strip()


def assign_columns(definition: TaskDefinition, measures, on_pbf) -> np.ndarray:
    """Index into ``definition.columns`` of each patch's column by its measure and whether it lies on PBF; -1 where
    no column takes it (unknown or empty measure)."""
    measures = np.array([measure_text(m) for m in measures], dtype=object)
    on_pbf = np.asarray(on_pbf, dtype=bool)
    result = np.full(len(measures), -1, dtype=int)
    if not len(measures):
        return result
    lookup = {}
    for index, column in enumerate(definition.columns):
        for value in column.values:
            lookup.setdefault(value, []).append((index, column.pbf))
    # Thousands of patches, a handful of distinct (measure, on PBF) pairs.
    keys = np.char.add(measures.astype(str), np.where(on_pbf, "\x00+", "\x00-"))
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    chosen = np.full(len(distinct), -1, dtype=int)
    for k, patch in enumerate(first):
        for index, pbf in lookup.get(measures[patch], []):
            if pbf is None or pbf == bool(on_pbf[patch]):
                chosen[k] = index
                break
    result[:] = chosen[inverse]
    return result


def round_half_up(value: float, decimals: int) -> float:
    """``value`` rounded as offices round (四舍五入): 0.05 → 0.1, 0.5 → 1, not to the even neighbour."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class TaskPatches:
    """The change patches as the task table counts them, one entry per patch."""

    ids: list
    units: list  # unit code at the table's level, "" outside every unit
    measures: list  # the measure field's values
    patch_mu: np.ndarray  # the patch's own area
    farmland_mu: np.ndarray  # farmland it occupies
    pbf_mu: np.ndarray  # permanent basic farmland it occupies

    def on_pbf(self, share: float) -> np.ndarray:
        """Patches with at least ``share`` of their area on PBF (a sliver along a border does not make a PBF task)."""
        pbf = np.asarray(self.pbf_mu, dtype=float)
        return (pbf > 0) & (pbf >= share * np.asarray(self.patch_mu, dtype=float))

    def area_mu(self, kind: str) -> np.ndarray:
        return np.asarray({"patch": self.patch_mu, "farmland": self.farmland_mu, "pbf": self.pbf_mu}[kind], dtype=float)


@dataclass(frozen=True)
class TaskItem:
    """One pair of cells (图斑数, 面积) under its block: a column, a block's 小计, 其他/未归类 or 合计."""

    block: str
    name: str
    members: tuple  # slots of the count/area matrices summed into it


@dataclass
class TaskTable:
    """The task table: header items, one row per unit (code, name, counts and unrounded areas per slot), and the
    note line. Slots are the definition's columns in order, then one for unclassified patches."""

    definition: TaskDefinition
    items: list
    codes: list
    names: list
    counts: np.ndarray  # rows × slots, int
    areas_mu: np.ndarray  # rows × slots, unrounded
    decimals: int
    unclassified: dict  # measure value (NO_VALUE for none) → ids of the patches no column takes
    note: str

    def _row(self, code, name, counts, areas) -> list:
        line = [code or None, name]  # no code: the 合计 row, or patches outside every unit
        for item in self.items:
            members = list(item.members)
            area = round_half_up(areas[members].sum(), self.decimals)
            line += [int(counts[members].sum()), int(area) if self.decimals == 0 else area]
        return line

    def body(self) -> list:
        """The unit rows, then the 合计 row (sums of the unrounded areas, rounded), as the sheet shows them."""
        rows = [self._row(c, n, k, a) for c, n, k, a in zip(self.codes, self.names, self.counts, self.areas_mu)]
        return [*rows, self._row("", TOTAL, self.counts.sum(axis=0), self.areas_mu.sum(axis=0))]

    def flat_header(self) -> list:
        """One heading per cell: block/column/图斑数, or block/图斑数 where the block is its only column."""
        header = ["单位代码", self.definition.unit_heading]
        for item in self.items:
            prefix = item.block if item.name == item.block else f"{item.block}/{item.name}"
            header += [f"{prefix}/{COUNT_HEADING}", f"{prefix}/{AREA_HEADING}"]
        return header


def _items(definition: TaskDefinition, with_unclassified: bool) -> list:
    items, slot = [], 0
    for block in definition.blocks:
        slots = tuple(range(slot, slot + len(block.columns)))
        items += [TaskItem(block.name, column.name, (s,)) for column, s in zip(block.columns, slots)]
        if block.subtotal:
            items.append(TaskItem(block.name, SUBTOTAL, slots))
        slot += len(block.columns)
    if with_unclassified:
        items.append(TaskItem(UNCLASSIFIED, UNCLASSIFIED, (slot,)))
    items.append(TaskItem(TOTAL, TOTAL, tuple(range(slot + int(with_unclassified)))))
    return items


def _note(definition: TaskDefinition, measure_field: str, area_method: str, decimals: int, unclassified: dict) -> str:
    precision = "取整数" if decimals == 0 else f"保留{decimals}位小数"
    parts = [definition.note] if definition.note else []
    parts.append(
        f"图斑按变化图斑的“{measure_field}”字段归入各列（列定义：{definition.source}）；面积为{AREA_NAMES[definition.area]}"
        f"（{area_method}），单位亩，{precision}，四舍五入；小计、合计由未修约面积相加后修约，可能与所列各数之和略有出入。"
    )
    if any(column.pbf is not None for column in definition.columns):
        parts.append(f"分永久基本农田内外的列，以图斑面积的{definition.pbf_share:.0%}以上位于永久基本农田为在永久基本农田上。")
    if unclassified:
        listed = "、".join(f"{value}（{count}个）" for value, count in sorted(unclassified.items()))
        parts.append(f"{sum(unclassified.values())}个图斑的{measure_field}不在列定义中，计入“{UNCLASSIFIED}”：{listed}。")
    return "说明：" + "".join(parts)


def task_table(
    definition: TaskDefinition, units: list, patches: TaskPatches, measure_field: str, area_method: str, decimals: int = 1
) -> TaskTable:
    """The task table of ``patches`` for ``units`` ((code, name) pairs, in the order of the rows); patches of no
    listed unit (outside the parcels) get a row of their own rather than being dropped."""
    column = assign_columns(definition, patches.measures, patches.on_pbf(definition.pbf_share))
    n_slots = len(definition.columns) + 1
    slot = np.where(column < 0, n_slots - 1, column)
    codes = [code for code, _ in units]
    names = [name for _, name in units]
    row_of = {code: k for k, code in enumerate(codes)}
    patch_units = [str(u or "") for u in patches.units]
    if any(u not in row_of for u in patch_units):
        row_of[""] = len(codes)
        codes.append("")
        names.append(OUTSIDE_UNITS)
    row = np.array([row_of[u] if u in row_of else row_of[""] for u in patch_units], dtype=int)
    counts = np.zeros((len(codes), n_slots), dtype=int)
    areas = np.zeros((len(codes), n_slots))
    np.add.at(counts, (row, slot), 1)
    np.add.at(areas, (row, slot), patches.area_mu(definition.area))
    unknown = {}
    for k in np.flatnonzero(column < 0):
        unknown.setdefault(measure_text(patches.measures[k]) or NO_VALUE, []).append(patches.ids[k])
    if not unknown:
        counts, areas = counts[:, :-1], areas[:, :-1]
    return TaskTable(
        definition=definition,
        items=_items(definition, bool(unknown)),
        codes=codes,
        names=names,
        counts=counts,
        areas_mu=areas,
        decimals=decimals,
        unclassified=unknown,
        note=_note(definition, measure_field, area_method, decimals, {v: len(ids) for v, ids in unknown.items()}),
    )
