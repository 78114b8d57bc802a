"""The dashboard's balance section (进出平衡 and 占补平衡 per township against their tasks) and the trend's yearly
进/出/占/补 as tables of texts, beside ``tables`` which lays out the other sections."""

from ..domain.dashboard import TOTAL_CODE
from ..domain.messages import QT_TR_NOOP, Message
from .tables import CODE, TOWNSHIP, Table, _headers, _township_cells, area_text

IN, OUT = QT_TR_NOOP("In 进 (mu)"), QT_TR_NOOP("Out 出 (mu)")
OCCUPIED, COMPENSATED = QT_TR_NOOP("Occupied 占 (mu)"), QT_TR_NOOP("Compensated 补 (mu)")


def balance_tables(dashboard) -> tuple:
    """One table per balance: its flows, the balance, the task and the gap per township, then the total."""
    balance = dashboard.balance
    rows = (*balance.rows, balance.total)
    tables = []
    for key, title, plus, minus, names in (
        ("balance-inout", QT_TR_NOOP("In–out balance (进出平衡) per township"), IN, OUT, ("in_mu", "out_mu", "inout")),
        (
            "balance-occupation",
            QT_TR_NOOP("Occupation–compensation balance (占补平衡) per township"),
            COMPENSATED,
            OCCUPIED,
            ("compensated_mu", "occupied_mu", "occupation"),
        ),
    ):
        headers = _headers(
            CODE, TOWNSHIP, plus, minus, QT_TR_NOOP("Balance (mu)"), QT_TR_NOOP("Task (mu)"), QT_TR_NOOP("Gap (mu)")
        )
        body = tuple(
            (
                *_township_cells(dashboard, r.township_code),
                area_text(getattr(r, names[0])),
                area_text(getattr(r, names[1])),
                area_text(getattr(r, f"{names[2]}_balance_mu")),
                area_text(getattr(r, f"{names[2]}_target_mu")),
                area_text(getattr(r, f"{names[2]}_gap_mu")),
            )
            for r in rows
        )
        tables.append(Table(key, Message(title), headers, body, totals=1))
    return tuple(tables)


def flow_tables(dashboard) -> tuple:
    """The trend's yearly 进/出/占/补 per township, one block of rows per pair of successive years with its total."""
    if not dashboard.flows:
        return ()
    rows = []
    for year in dashboard.flows:
        for code in sorted(year.flows):
            rows.append((year.label, *_township_cells(dashboard, code), *(area_text(v) for v in year.flows[code])))
        rows.append((year.label, *_township_cells(dashboard, TOTAL_CODE), *(area_text(v) for v in year.total())))
    headers = _headers(QT_TR_NOOP("Years"), CODE, TOWNSHIP, IN, OUT, OCCUPIED, COMPENSATED)
    title = Message(QT_TR_NOOP("In, out, occupied and compensated farmland per township and year (mu)"))
    return (Table("trend-flows", title, headers, tuple(rows)),)
