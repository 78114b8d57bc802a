"""The HTML report as an A4 PDF through Qt's rich text: real text with the fonts embedded, so it can
be searched and copied (the one part of ``report`` that needs Qt)."""

from pathlib import Path
from typing import Union

from qgis.PyQt.QtCore import QMarginsF, QSizeF
from qgis.PyQt.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

PAGE_MARGIN_MM = 12.0
PDF_RESOLUTION = 300


def write_pdf(html_text: str, path: Union[str, Path], title: str = "") -> None:
    """Print ``html_text`` to ``path``.

    The document is laid out on the PDF writer itself, one page of the document being the printable area of an
    A4 page: Qt's own default would add 2 cm margins on top of the writer's and crop the charts.
    """
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setPageMargins(QMarginsF(*(PAGE_MARGIN_MM,) * 4), QPageLayout.Millimeter)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Farmland Grid Supervision (farmlandgrid:dashboardreport)")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(html_text)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # finishes the file
