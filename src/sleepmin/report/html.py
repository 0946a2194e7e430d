"""The assessment as one self-contained HTML page: readable on a phone, printable, with an
inline SVG chart of logged intake vs reference per mineral. No scripts, no external files."""

from __future__ import annotations

from html import escape
from typing import Any

_CSS = """
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--likely:#b3261e;--possible:#8a5a00;
--low:#2e6b3f;--bar:#3c6fb6;--ref:#1d2433}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,
sans-serif;color:var(--ink);background:#fff}main{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:
1px solid var(--line);padding-bottom:.25rem}.note{color:var(--muted);font-size:.9rem}
.disclaimer{border:1px solid var(--line);border-left:4px solid var(--bar);padding:.6rem .8rem;
background:#f6f8fb}.mineral{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;
margin:.6rem 0}.level{font-weight:600;text-transform:uppercase;font-size:.8rem;padding:.1rem .4rem;
border-radius:.3rem;color:#fff}.likely{background:var(--likely)}.possible{background:var(--possible)}
.unlikely{background:var(--low)}.red_flag{border-left:4px solid var(--likely)}.warning{border-left:4px
solid var(--possible)}.info{border-left:4px solid var(--line)}.finding{padding:.3rem .6rem;
margin:.4rem 0}ul{padding-left:1.2rem}li{margin:.25rem 0}cite{font-style:normal;color:var(--muted);
font-size:.85rem;display:block}table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid var(--line);padding:.3rem;text-align:left}.table-wrap{overflow-x:auto}
svg{max-width:100%;height:auto}
@media print{main{max-width:none}.mineral,.finding{break-inside:avoid}}
"""


def render_html(report: dict[str, Any]) -> str:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        "<title>sleepmin assessment</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Could minerals be part of your sleep problem?</h1>",
        f"<p class='note'>sleepmin assessment, {escape(report['generated'])}</p>",
        f"<p class='disclaimer' id='not-a-diagnosis'>{escape(report['not_a_diagnosis'])}</p>",
    ]
    parts += _safety(report)
    parts += _minerals(report)
    parts += _diet(report)
    parts += _labs(report)
    parts += _instruments(report)
    parts += _next_steps(report)
    parts += _references(report)
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _cites(citations: list[dict[str, Any]]) -> str:
    if not citations:
        return ""
    numbers = ", ".join(escape(c["id"]) for c in citations)
    return f"<cite>Sources: {numbers}</cite>"


def _safety(report: dict[str, Any]) -> list[str]:
    findings = report["safety"]
    out = ["<h2 id='safety'>Safety first</h2>"]
    if not findings:
        out.append("<p>No safety findings for the supplements, medicines and results given.</p>")
    for f in findings:
        label = {"red_flag": "Red flag", "warning": "Warning", "info": "Note"}[f["severity"]]
        out.append(
            f"<div class='finding {f['severity']}'><strong>{label}:</strong> "
            f"{escape(f['message'])}{_cites(f['citations'])}</div>"
        )
    if report.get("schedule"):
        out.append("<h3>When to take what</h3><ul>")
        out += [
            f"<li><strong>{escape(d['slot'])}</strong>: {escape(d['supplement'])}: "
            f"{escape(d['instructions'])}</li>"
            for d in report["schedule"]
        ]
        out.append("</ul>")
    return out


def _minerals(report: dict[str, Any]) -> list[str]:
    out = ["<h2 id='minerals'>Minerals, most likely first</h2>"]
    for m in report["minerals"]:
        reasons = "".join(
            f"<li>{escape(r['text'])}{_cites(r['citations'])}</li>"
            for r in m["reasons"]
            if r["kind"] != "cap"
        )
        out.append(
            f"<section class='mineral' data-mineral='{m['mineral']}' data-level='{m['level']}'>"
            f"<strong>{escape(m['mineral'].capitalize())}</strong> "
            f"<span class='level {m['level']}'>{m['level']}</span>"
            + (
                f"<ul>{reasons}</ul>"
                if reasons
                else "<p class='note'>Nothing in the answers points to this mineral.</p>"
            )
            + "</section>"
        )
    return out


def _diet(report: dict[str, Any]) -> list[str]:
    diet = report.get("diet")
    if not diet:
        return []
    out = [
        "<h2 id='diet'>Food log: logged vs reference</h2>",
        _chart(diet),
        "<div class='table-wrap'><table><tr><th>Mineral</th><th>Logged a day</th>"
        "<th>Reference</th><th>Foods reporting it</th></tr>",
    ]
    for name, m in diet["minerals"].items():
        out.append(
            f"<tr><td>{escape(name.capitalize())}</td>"
            f"<td>{m['intake_mg_per_day']['total']:.3g} mg</td>"
            f"<td>{m['target']['value_mg']:.3g} mg ({m['target']['type']})</td>"
            f"<td>{m['coverage']['reporting']} of {m['coverage']['logged']}</td></tr>"
        )
    out.append("</table></div>")
    out += [f"<p class='note'>{escape(n)}</p>" for n in diet["notes"]]
    return out


def _chart(diet: dict[str, Any]) -> str:
    """Horizontal bars: logged intake as a percentage of the reference, with the 100% line."""
    rows = list(diet["minerals"].items())
    width, left, bar_h, gap = 600, 110, 22, 14
    scale_max = max(150.0, *(min(m["percent_of_target"], 300.0) for _, m in rows))
    plot = width - left - 60
    height = len(rows) * (bar_h + gap) + 30
    x100 = left + plot * 100 / scale_max
    parts = [
        f"<svg id='intake-chart' viewBox='0 0 {width} {height}' role='img' "
        "aria-label='Logged intake as a percentage of the reference intake per mineral'>"
    ]
    for i, (name, m) in enumerate(rows):
        y = 10 + i * (bar_h + gap)
        pct = min(m["percent_of_target"], 300.0)
        w = plot * pct / scale_max
        parts.append(
            f"<text x='{left - 8}' y='{y + bar_h * 0.7:.1f}' text-anchor='end' "
            f"font-size='14'>{escape(name.capitalize())}</text>"
        )
        parts.append(
            f"<rect class='bar' data-mineral='{name}' x='{left}' y='{y}' "
            f"width='{w:.1f}' height='{bar_h}' fill='#3c6fb6'/>"
        )
        parts.append(
            f"<text x='{left + w + 6:.1f}' y='{y + bar_h * 0.7:.1f}' font-size='13'>"
            f"{m['percent_of_target']:.0f}%</text>"
        )
    parts.append(
        f"<line x1='{x100:.1f}' x2='{x100:.1f}' y1='4' y2='{height - 20}' "
        "stroke='#1d2433' stroke-dasharray='4 3'/>"
    )
    parts.append(
        f"<text x='{x100:.1f}' y='{height - 6}' text-anchor='middle' font-size='12'>"
        "reference</text></svg>"
    )
    return "".join(parts)


def _labs(report: dict[str, Any]) -> list[str]:
    if not report["labs"]:
        return []
    out = ["<h2 id='labs'>Blood tests</h2><ul>"]
    for lab in report["labs"]:
        hits = "; ".join(f"{h['meaning']} ({h['rule']})" for h in lab["thresholds_met"])
        out.append(
            f"<li><strong>{escape(lab['name'])}</strong>: {lab['value']:g} "
            f"{escape(lab['unit'])} ({escape(lab['status'].replace('_', ' '))})"
            + (f". {escape(hits)}" if hits else "")
            + "</li>"
        )
    out.append("</ul>")
    return out


def _instruments(report: dict[str, Any]) -> list[str]:
    out = []
    if report.get("isi"):
        isi = report["isi"]
        out.append(
            f"<h2 id='isi'>Insomnia Severity Index</h2><p>Total {isi['total']} of 28: "
            f"{escape(isi['label'])}.</p>"
        )
    if report.get("rls"):
        out.append(f"<h2 id='rls'>Restless legs</h2><p>{escape(report['rls']['summary'])}.</p>")
    return out


def _next_steps(report: dict[str, Any]) -> list[str]:
    out = ["<h2 id='next-steps'>Next steps</h2><ul>"]
    out += [f"<li>{escape(s['text'])}{_cites(s['citations'])}</li>" for s in report["next_steps"]]
    out.append("</ul>")
    return out


def _references(report: dict[str, Any]) -> list[str]:
    seen: dict[str, str] = {}

    def collect(citations: list[dict[str, Any]]) -> None:
        for c in citations:
            seen.setdefault(c["id"], c["citation"])

    for m in report["minerals"]:
        for r in m["reasons"]:
            collect(r["citations"])
    for f in report["safety"]:
        collect(f["citations"])
    for s in report["next_steps"]:
        collect(s["citations"])
    if not seen:
        return []
    items = "".join(
        f"<li id='ref-{escape(k)}'><strong>{escape(k)}</strong>: {escape(v)}</li>"
        for k, v in sorted(seen.items())
    )
    return [f"<h2 id='references'>References</h2><ul class='note'>{items}</ul>"]
