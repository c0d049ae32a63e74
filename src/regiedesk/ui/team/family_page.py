"""Part of the team workspace: a family's page (its facts, the intensity curve, the
parties over time, the domain scores), its widgets made the first time it is shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from ...domain.weeks import week_label
from ..format import duration_text
from .tables import domain_rows, fill, new_table

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget

    from ..charts import BarChart  # loads with the page, after the team table's first paint
    from .parts import WorkspaceBase
else:
    WorkspaceBase = object  # one module fewer at start (parts.py is for the type checker)


class FamilyPageMixin(WorkspaceBase):
    family_title: QLabel
    family_facts: QLabel
    intensity_chart: BarChart
    parties_chart: BarChart
    domains_table: QTableWidget

    def _build_family_page(self) -> None:
        """The family page's widgets (the charts), made the first time it is needed: the
        team table paints without them."""
        if hasattr(self, "intensity_chart"):
            return
        from ..charts import BarChart

        self.family_title = QLabel()
        self.family_title.setObjectName("teamFamilyTitle")
        self.family_facts = QLabel()
        self.family_facts.setWordWrap(True)
        self.intensity_chart = BarChart()
        self.intensity_chart.setObjectName("teamIntensityChart")
        self.intensity_chart.value_text = lambda v: duration_text(int(v))
        self.parties_chart = BarChart()
        self.parties_chart.setObjectName("teamPartiesChart")
        self.domains_table = new_table("teamDomains")
        page = QVBoxLayout(self.family_page)
        page.addWidget(self.family_title)
        page.addWidget(self.family_facts)
        charts = QHBoxLayout()
        charts.addWidget(self.intensity_chart)
        charts.addWidget(self.parties_chart)
        page.addLayout(charts)
        page.addWidget(self.domains_table)
        self._title_charts()

    def _title_charts(self) -> None:
        self.intensity_chart.title = self.tr("Uren per week")
        self.parties_chart.title = self.tr("Betrokken partijen")

    def show_family(self, family: str) -> None:
        assert self.snapshot is not None
        page = self.snapshot.pages.get(family)
        if page is None:
            return
        row = page["family"]
        self._page_family = family
        self._build_family_page()
        self.family_title.setText(f"<h3>{row['name']}</h3>")
        self.family_facts.setText(
            self.tr("Regisseur {who} · {status} · {days} dagen sinds contact").format(
                who=row["caseworker"],
                status=self._status(row),
                days="–" if row["days_since_contact"] is None else row["days_since_contact"],
            )
        )
        weeks = page["intensity"]
        self.intensity_chart.set_data(
            [w["minutes"] for w in weeks], [w["week"].split("-")[1] for w in weeks]
        )
        parties = page["parties"]
        self.parties_chart.set_data(
            [x["parties"] for x in parties],
            [week_label(dt.date.fromisoformat(x["day"])).split("-")[1] for x in parties],
        )
        headers = [
            self.tr("Gezinslid"),
            self.tr("Leefgebied"),
            self.tr("Eerste score"),
            self.tr("Laatste score"),
        ]
        household = self.tr("Huishouden")

        def member(n: int | None) -> str:
            return household if n is None else self.tr("Lid {n}").format(n=n)

        fill(self.domains_table, headers, domain_rows(page["domains"], member))
        self.tabs.setCurrentIndex(2)
