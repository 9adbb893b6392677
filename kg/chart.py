"""A timeline chart: a person's career or an office's holders, as SVG in one self-contained HTML page.

Each spell is a bar from the first to the last day the graph knows for it, with a mark where an
appointment began it or a removal ended it; hovering a bar gives its dates, articles and events.
No script and nothing from elsewhere: the page opens offline and prints as it shows. Every piece of
text is escaped for the markup it lands in.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from kg.analyze.careers import Spell
from kg.files import write_atomically
from kg.view import CJK_FONT

LABEL_WIDTH = 320
PLOT_WIDTH = 640
ROW_HEIGHT = 30
AXIS_HEIGHT = 34
BAR_COLOUR = "#17bebb"
BEGAN_COLOUR = "#2e7d32"
ENDED_COLOUR = "#c62828"
_MIN_BAR = 8


def timeline_html(title: str, spells: list[Spell]) -> str:
    """The chart of `spells` (kg.analyze.careers) under `title`, as a whole HTML page.

    >>> page = timeline_html("甲", [Spell("局长 · 某局", "2019-03-05", "2023-06-01", None, None, 2)])
    >>> "<svg" in page and "2019" in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    True
    """
    dated = [spell for spell in spells if spell.start]
    undated = [spell for spell in spells if not spell.start]
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="legend"><span style="color:{BAR_COLOUR}">■</span> reported '
        f'<span style="color:{BEGAN_COLOUR}">▍</span> appointed '
        f'<span style="color:{ENDED_COLOUR}">▍</span> removed · {len(spells)} rows</p>',
    ]
    if dated:
        parts.append(_svg(dated))
    if undated:
        parts.append(
            "<h2>undated</h2><ul>"
            + "".join(
                f"<li>{escape(spell.label)} ({spell.articles} articles{escape(_events(spell))})</li>"
                for spell in undated
            )
            + "</ul>"
        )
    if not spells:
        parts.append("<p>nothing in the graph</p>")
    style = (
        f"body{{font-family:{CJK_FONT};margin:16px}} h1{{font-size:20px}} h2{{font-size:16px}}"
        ".legend{color:#555} svg text{font-size:13px}"
    )
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{style}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


def _svg(spells: list[Spell]) -> str:
    first_year = int(min(spell.start for spell in spells)[:4])
    last_year = int(max(spell.end for spell in spells)[:4])
    origin = dt.date(first_year, 1, 1).toordinal()
    days = dt.date(last_year + 1, 1, 1).toordinal() - origin

    def x(day: str) -> float:
        return LABEL_WIDTH + PLOT_WIDTH * (dt.date.fromisoformat(day).toordinal() - origin) / days

    height = AXIS_HEIGHT + ROW_HEIGHT * len(spells) + 8
    width = LABEL_WIDTH + PLOT_WIDTH + 20
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for year in range(first_year, last_year + 2):
        left = x(f"{year}-01-01")
        lines.append(f'<line x1="{left:.1f}" y1="{AXIS_HEIGHT - 8}" x2="{left:.1f}" y2="{height}" stroke="#ddd"/>')
        if year <= last_year:
            lines.append(f'<text x="{left + 4:.1f}" y="{AXIS_HEIGHT - 14}" fill="#555">{year}</text>')
    for row, spell in enumerate(spells):
        top = AXIS_HEIGHT + row * ROW_HEIGHT
        start, end = x(spell.start), max(x(spell.end), x(spell.start) + _MIN_BAR)
        tip = escape(f"{spell.label}\n{_dates(spell)}\n{spell.articles} articles{_events(spell)}")
        lines.append(f"<g><title>{tip}</title>")
        lines.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{top + 19}" text-anchor="end">{escape(_short(spell.label))}</text>'
        )
        lines.append(
            f'<rect x="{start:.1f}" y="{top + 6}" width="{end - start:.1f}" height="{ROW_HEIGHT - 12}" '
            f'rx="3" fill="{BAR_COLOUR}"/>'
        )
        for day, colour in ((spell.began, BEGAN_COLOUR), (spell.ended, ENDED_COLOUR)):
            if day:
                lines.append(
                    f'<rect x="{x(day) - 2:.1f}" y="{top + 2}" width="4" height="{ROW_HEIGHT - 4}" fill="{colour}"/>'
                )
        lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)


def _dates(spell: Spell) -> str:
    seen = f"reported {spell.first_seen} – {spell.last_seen}" if spell.first_seen else "no dated report"
    bounds = [f"appointed {spell.began}"] * bool(spell.began) + [f"removed {spell.ended}"] * bool(spell.ended)
    return "; ".join([seen] + bounds)


def _events(spell: Spell) -> str:
    return f"; {spell.events}" if spell.events else ""


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def write_timeline(title: str, spells: list[Spell], path: Path) -> None:
    """Write the chart to `path` as UTF-8, whole or not at all."""
    write_atomically(path, timeline_html(title, spells))
