"""The assessment as one self-contained HTML page: readable on a phone, printable, with an
inline SVG chart of logged intake against the reference and the Upper Limit per mineral. No
scripts, no external files; the only links are to the report's own references and, in the
references list, to each source's DOI, PubMed or web page."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from sleepmin.report import format as fmt
from sleepmin.report.trends import tracking_section

_CSS = """
:root{--ink:#1d2433;--muted:#4f5869;--line:#d9dee7;--likely:#8c1d18;--possible:#7a4f00;
--unlikely:#4f5869;--urgent:#a4161a;--bar:#3c6fb6;--supp:#1f3f73;--ul:#a4161a;--ref:#1d2433}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,
sans-serif;color:var(--ink);background:#fff}main{max-width:52rem;margin:0 auto;padding:1rem;
overflow-wrap:break-word}h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);
padding-bottom:.25rem}h3{font-size:1rem;margin:.2rem 0 .4rem}
.note{color:var(--muted);font-size:.9rem}
.disclaimer{border:1px solid var(--line);border-left:4px solid var(--bar);padding:.6rem .8rem;
background:#f6f8fb}.mineral{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;
margin:.6rem 0}.level{display:inline-block;font-weight:600;padding:.1rem .5rem;border-radius:.3rem;
border:2px solid currentColor;background:#fff}.level.likely{color:#fff;background:var(--likely);
border-color:var(--likely)}.level.possible{color:var(--possible);background:#fff4de}
.level.unlikely{color:var(--unlikely);border-style:dashed}
.finding{padding:.4rem .7rem;margin:.4rem 0;border:1px solid var(--line);border-left-width:6px}
.finding.red_flag{border-color:var(--urgent);background:#fdecea;font-weight:500}
.finding.warning{border-left-color:var(--possible)}.finding.info{border-left-color:var(--line)}
.urgent-box{border:3px solid var(--urgent);background:#fdecea;padding:.6rem .9rem;
border-radius:.4rem;margin:1rem 0}.urgent-box h2{border:0;margin:.2rem 0;color:var(--urgent)}
ol.steps{padding-left:1.6rem}ol.steps li{margin:.5rem 0}.step .kind{font-weight:700}
.step.urgent{border:2px solid var(--urgent);background:#fdecea;padding:.3rem .5rem;
border-radius:.3rem}.step.urgent .kind{color:var(--urgent)}.step.clinician .kind{color:#1f3f73}
ul{padding-left:1.2rem}li{margin:.25rem 0}cite{font-style:normal;color:var(--muted);
font-size:.85rem;display:block}cite a{color:inherit}table{border-collapse:collapse;width:100%;
font-size:.9rem}caption{text-align:left;font-weight:600;padding:.2rem 0}td,th{border-bottom:1px
solid var(--line);padding:.3rem;text-align:left;vertical-align:top}td.num,th.num{text-align:right;
white-space:nowrap}.table-wrap{overflow-x:auto}svg{display:block;max-width:100%}
.lab{border-top:1px solid var(--line);padding:.3rem 0}.lab p{margin:.2rem 0}
.chart-row{margin:.6rem 0 1rem}.chart-row p{margin:.1rem 0}.legend{font-size:.85rem;
color:var(--muted)}.swatch{display:inline-block;width:1.6rem;height:.7rem;vertical-align:middle;
margin-right:.3rem}blockquote.notes{white-space:pre-wrap;border-left:4px solid var(--line);
margin:.4rem 0;padding:.3rem .8rem}
@media (max-width:40rem){table.stack thead{position:absolute;width:1px;height:1px;
overflow:hidden;clip:rect(0 0 0 0)}table.stack,table.stack tbody,table.stack tr,table.stack td,
table.stack th{display:block;width:auto}table.stack tr{border-bottom:1px solid var(--line);
padding:.3rem 0}table.stack td,table.stack th{border:0;padding:.1rem 0;text-align:left;
white-space:normal}table.stack td[data-label]::before{content:attr(data-label) ": ";
font-weight:600}table.stack td.empty{display:none}table.stack caption{display:block}
table.stack ul{margin:.1rem 0}}
@media print{main{max-width:none}.mineral,.finding,.chart-row,tr{break-inside:avoid}}
"""

_BAR_H, _ROW_H = 20, 58


def render_html(report: dict[str, Any], tracking: Mapping[str, Any] | None = None) -> str:
    """The whole page; with ``tracking`` (``{"weeks", "diary", "isi"}``), also the sleep
    diary's and the ISI's charts."""
    return "\n".join(
        [
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width,initial-scale=1'>",
            "<title>sleepmin assessment</title>",
            f"<style>{_CSS}</style></head><body><main>",
            "<h1>Could minerals be part of your sleep problem?</h1>",
            report_body(report, tracking),
            "</main></body></html>",
        ]
    )


REPORT_CSS = _CSS  # the web app serves it as a file of its own


def report_body(report: dict[str, Any], tracking: Mapping[str, Any] | None = None) -> str:
    """The report below its title: what the page and the web app both show."""
    parts = [
        f"<p class='note'>sleepmin assessment, {escape(str(report.get('generated', '')))}"
        f"{_profile(report.get('profile'))}</p>",
        f"<p class='disclaimer' id='not-a-diagnosis'>"
        f"{escape(str(report.get('not_a_diagnosis', '')))}</p>",
    ]
    parts.append(_conditions(report))
    if report.get("scope"):
        parts.append(f"<p class='note' id='scope'>{_e(report['scope'])}</p>")
    parts += _urgent(report)
    parts += _safety(report)
    parts += _minerals(report)
    parts += _supplement_intake(report)
    parts += _diet(report)
    parts += _labs(report)
    parts += _instruments(report)
    parts += tracking_section(tracking)
    parts += _notes(report)
    parts += _next_steps(report)
    parts += _references(report)
    return "\n".join(parts)


# -- pieces ----------------------------------------------------------------------------------


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _profile(profile: Mapping[str, Any] | None) -> str:
    if not profile:
        return ""
    bits = []
    if profile.get("sex"):
        bits.append(str(profile["sex"]))
    if profile.get("age") is not None:
        bits.append(f"{fmt.number(float(profile['age']), 3)} years")
    for flag in ("pregnant", "lactating"):
        if profile.get(flag):
            bits.append(flag)
    if profile.get("menopause"):
        bits.append(f"{profile['menopause']}-menopausal")
    if profile.get("diet"):
        bits.append(f"{profile['diet']} diet")
    return f" · for: {_e(', '.join(bits))}" if bits else ""


def _conditions(report: Mapping[str, Any]) -> str:
    conditions = report.get("conditions")
    if not conditions:
        return ""
    words = ", ".join(str(c).replace("_", " ") for c in conditions)
    return f"<p class='note' id='conditions'>Known conditions: {_e(words)}</p>"


def _cites(citations: list[dict[str, Any]] | None) -> str:
    if not citations:
        return ""
    names = "; ".join(
        f"<a href='#ref-{_e(c['id'])}'>{_e(fmt.source_name(c))}</a>" for c in citations
    )
    return f"<cite>Sources: {names}</cite>"


def _cites_inline(citations: list[dict[str, Any]] | None) -> str:
    if not citations:
        return "—"
    return "; ".join(
        f"<a href='#ref-{_e(c['id'])}'>{_e(fmt.source_name(c))}</a>" for c in citations
    )


# -- urgent, safety and schedule ---------------------------------------------------------------


def _urgent(report: Mapping[str, Any]) -> list[str]:
    steps = [s for s in report.get("next_steps") or [] if s.get("kind") == "urgent"]
    if not steps:
        return []
    out = ["<section class='urgent-box' id='urgent' role='alert'><h2>Act today</h2><ul>"]
    out += [
        f"<li><strong>{_e(fmt.step_label('urgent'))}:</strong> {_e(s['text'])}</li>" for s in steps
    ]
    out.append("</ul></section>")
    return out


def _safety(report: Mapping[str, Any]) -> list[str]:
    findings = fmt.ordered_findings(report.get("safety") or [])
    out = ["<h2 id='safety'>Safety first</h2>"]
    if not findings:
        out.append("<p>No safety findings for the supplements, medicines and results given.</p>")
    for f in findings:
        severity = str(f.get("severity", "info"))
        out.append(
            f"<div class='finding {_e(severity)}' data-severity='{_e(severity)}'"
            f" data-rule='{_e(f.get('rule', ''))}'>"
            f"<strong>{_e(fmt.severity_label(severity))}:</strong> "
            f"{_e(f['message'])}{_cites(f.get('citations'))}</div>"
        )
    schedule = report.get("schedule")
    if schedule:
        out.append("<h3 id='schedule'>When to take what</h3><ul>")
        for d in schedule:
            amount = f" ({fmt.mg(float(d['amount_mg']))})" if d.get("amount_mg") else ""
            out.append(
                f"<li><strong>{_e(d['slot'])}</strong>: {_e(d['supplement'])}{_e(amount)}: "
                f"{_e(d['instructions'])}</li>"
            )
        out.append("</ul>")
    return out


# -- minerals ----------------------------------------------------------------------------------


def _minerals(report: Mapping[str, Any]) -> list[str]:
    out = [
        "<h2 id='minerals'>Minerals, most likely first</h2>",
        "<p class='note' id='levels-explained'>Each mineral is rated for how likely it is that "
        "<em>low status</em> (too little of it in the body) is part of the sleep problem: "
        "likely, possible or unlikely. The rating is not a measurement of the mineral. The "
        "table under each mineral lists the reasons and how much each one weighed.</p>",
    ]
    for m in report.get("minerals") or []:
        out.append(_mineral(m))
    return out


def _mineral(m: Mapping[str, Any]) -> str:
    mineral, level = str(m["mineral"]), str(m["level"])
    label = fmt.level_label(mineral, level)
    head = (
        f"<section class='mineral' data-mineral='{_e(mineral)}' data-level='{_e(level)}'>"
        f"<h3><span class='level {_e(level)}'>{_e(label)}</span></h3>"
    )
    reasons = list(m.get("reasons") or [])
    if not reasons:
        return head + "<p class='note'>Nothing in the answers points to this mineral.</p></section>"
    rows = "".join(
        f"<tr class='reason {_e(r.get('kind', ''))}'><td data-label='Reason'>{_e(r['text'])}</td>"
        f"<td class='num' data-label='Weight'>{_e(fmt.weight(float(r.get('weight', 0))))}</td>"
        f"<td data-label='Sources'>{_cites_inline(r.get('citations'))}</td></tr>"
        for r in reasons
    )
    total = ""
    if m.get("score") is not None:
        total = (
            f"<tr class='total'><th scope='row'>Total</th>"
            "<td class='num' data-label='Weight'>"
            f"<strong>{_e(fmt.weight(float(m['score'])))}</strong>"
            "</td><td class='empty'></td></tr>"
        )
    support = ""
    if "supported_by_tests_or_diet" in m:
        support = (
            "<p class='note'>Backed by a blood test or the food log: "
            f"{'yes' if m['supported_by_tests_or_diet'] else 'no'}.</p>"
        )
    return (
        head
        + "<div class='table-wrap'><table class='reasons stack'>"
        + f"<caption>Why {_e(fmt.level_words(level))}</caption>"
        + "<thead><tr><th scope='col'>Reason</th><th scope='col' class='num'>Weight</th>"
        + "<th scope='col'>Sources</th></tr></thead>"
        + f"<tbody>{rows}{total}</tbody></table></div>{support}</section>"
    )


# -- diet ------------------------------------------------------------------------------------


def _diet(report: Mapping[str, Any]) -> list[str]:
    diet = report.get("diet")
    if not diet:
        return []
    out = ["<h2 id='diet'>Food log: logged intake, reference and Upper Limit</h2>"]
    if diet.get("minerals"):
        out.append(_chart(diet))
        out.append(_intake_table(diet))
    out += _population(diet.get("population"))
    out += _matched_foods(diet)
    out += _supplements(diet)
    out += [f"<p class='note'>{_e(n)}</p>" for n in diet.get("notes") or []]
    out += [
        f"<p class='note warning-note'>{_e(w if isinstance(w, str) else w.get('message', w))}</p>"
        for w in diet.get("warnings") or []
    ]
    return out


def _population(population: Mapping[str, Any] | None) -> list[str]:
    """Where the logged food intakes lie among US people of the same sex and age group."""
    if not population:
        return []
    if not population.get("available"):
        return [f"<p class='note'>{_e(population.get('reason') or '')}</p>"]
    out = [
        "<h3 id='population'>Among US "
        f"{_e(population['label'])} ({_e(population['survey'])}, food only)</h3>",
        "<div class='table-wrap'><table id='population-table' class='stack'>"
        "<caption>Logged food intake against usual intakes in the survey</caption><thead><tr>"
        "<th scope='col'>Mineral</th><th scope='col'>In plain words</th>"
        "<th scope='col' class='num'>Group median</th>"
        "<th scope='col' class='num'>Group below the EAR</th></tr></thead><tbody>",
    ]
    for name, m in population["minerals"].items():
        below = m.get("share_below_ear")
        out.append(
            f"<tr data-mineral='{_e(name)}'><th scope='row'>{_e(fmt.mineral_name(name))}</th>"
            f"<td data-label='In plain words'>{_e(m['words'])}</td>"
            f"<td class='num' data-label='Group median'>{_e(fmt.mg(float(m['median_mg'])))}</td>"
            "<td class='num' data-label='Group below the EAR'>"
            f"{'no EAR' if below is None else _e(f'{100 * float(below):.0f} %')}</td></tr>"
        )
    out.append("</tbody></table></div>")
    out += [f"<p class='note'>{_e(c)}</p>" for c in population.get("caveats") or []]
    return out


def _ul_words(m: Mapping[str, Any]) -> str:
    """ "Upper Limit 350 mg (supplements and medications only; ...)" or why there is none."""
    ul = m.get("ul_mg")
    if ul is None:
        status = str(m.get("ul_status") or "none_established")
        return "no Upper Limit " + (
            "determined for this age" if status == "not_determined" else "is set"
        )
    covers = str(m.get("ul_applies_to") or "")
    return f"Upper Limit {fmt.mg(float(ul))}" + (f", applies to {covers}" if covers else "")


def _ul_counted(m: Mapping[str, Any]) -> str:
    counted, status = m.get("ul_counted_mg"), m.get("ul_status")
    if m.get("ul_mg") is None or counted is None:
        return ""
    verdict = {"above": "above the Upper Limit", "within": "within the Upper Limit"}.get(
        str(status), str(status).replace("_", " ")
    )
    return f"; counted toward it: {fmt.mg(float(counted))}, {verdict}"


def _chart(diet: Mapping[str, Any]) -> str:
    """One bullet bar per mineral: the logged total (supplements drawn first, darker), a dashed
    line at the reference intake and a solid line at the Upper Limit, each labelled in text."""
    rows = []
    for name, m in diet["minerals"].items():
        intake = m["intake_mg_per_day"]
        if intake.get("total") is None:  # no logged food could be counted for this mineral
            reason = m.get("unknown_reason") or "no logged food could be counted"
            rows.append(
                f"<div class='chart-row unknown' data-mineral='{_e(name)}'>"
                f"<p><strong>{_e(fmt.mineral_name(name))}</strong>: intake unknown "
                f"({_e(reason)}).</p></div>"
            )
            continue
        total, supp = float(intake["total"]), float(intake.get("supplements") or 0.0)
        ref = float(m["target"]["value_mg"])
        ref_type = str(m["target"].get("type", "reference"))
        ul = m.get("ul_mg")
        ul_value = float(ul) if ul is not None else None
        span = max(total, ref, 1e-9)
        on_scale = ul_value is not None and ul_value <= 4 * span
        scale = max(span, ul_value if on_scale and ul_value else 0.0) * 1.12

        def at(value: float, scale: float = scale) -> float:
            return min(100.0, max(0.0, value / scale * 100))

        pct = m.get("percent_of_target")
        summary = (
            f"{fmt.mg(total)} a day"
            + (f" ({fmt.mg(total - supp)} food + {fmt.mg(supp)} supplements)" if supp else "")
            + (f", {fmt.percent(float(pct))} of the reference" if pct is not None else "")
            + f" {fmt.mg(ref)} ({ref_type})"
        )
        ul_text = _ul_words(m) + _ul_counted(m)
        aria = f"{fmt.mineral_name(name)}: {summary}. {ul_text}."
        bar_w = at(total)
        if 0 < bar_w < 0.5:
            bar_w = 0.5
        svg = [
            f"<svg class='intake-bar' width='100%' height='{_ROW_H}' role='img' "
            f"aria-label='{_e(aria)}' data-mineral='{_e(name)}'>",
            f"<title>{_e(aria)}</title>",
            f"<rect x='0' y='18' width='100%' height='{_BAR_H}' fill='#eef1f6'/>",
            f"<rect class='bar' data-mineral='{_e(name)}' x='0' y='18' width='{bar_w:.2f}%' "
            f"height='{_BAR_H}' fill='#3c6fb6'/>",
        ]
        if supp > 0:
            svg.append(
                f"<rect class='bar-supplements' x='0' y='18' width='{at(supp):.2f}%' "
                f"height='{_BAR_H}' fill='#1f3f73'/>"
            )
        x_ref = at(ref)
        svg.append(
            f"<line class='ref-line' x1='{x_ref:.2f}%' x2='{x_ref:.2f}%' y1='14' y2='42' "
            "stroke='#1d2433' stroke-width='2' stroke-dasharray='4 3'/>"
        )
        svg.append(_marker_text(x_ref, 12, f"{ref_type} {fmt.mg(ref)}", "ref-label"))
        if ul_value is not None and on_scale:
            x_ul = at(ul_value)
            svg.append(
                f"<line class='ul-line' x1='{x_ul:.2f}%' x2='{x_ul:.2f}%' y1='14' y2='42' "
                "stroke='#a4161a' stroke-width='3'/>"
            )
            svg.append(_marker_text(x_ul, 54, f"UL {fmt.mg(ul_value)}", "ul-label"))
        elif ul_value is not None:
            svg.append(
                _marker_text(100.0, 54, f"UL {fmt.mg(ul_value)}, beyond this scale →", "ul-label")
            )
        svg.append("</svg>")
        rows.append(
            f"<div class='chart-row' data-mineral='{_e(name)}'>"
            f"<p><strong>{_e(fmt.mineral_name(name))}</strong>: {_e(summary)}.</p>"
            + "".join(svg)
            + f"<p class='ul-text note'>{_e(ul_text)}.</p></div>"
        )
    legend = (
        "<figcaption class='legend'>"
        "<span class='swatch' style='background:#3c6fb6'></span>logged a day "
        "(<span class='swatch' style='background:#1f3f73'></span>darker part: supplements); "
        "dashed line and label above the bar: the reference intake (RDA or AI); "
        "solid red line and label below the bar: the Upper Limit (UL), where one is set. "
        "For magnesium the UL covers supplements and medicines only, so compare it with "
        "the darker part.</figcaption>"
    )
    return (
        "<figure id='intake-chart' role='group' aria-label='Logged intake per mineral against "
        "the reference intake and the Upper Limit' style='margin:0'>"
        + "".join(rows)
        + legend
        + "</figure>"
    )


def _marker_text(x: float, y: int, text: str, css_class: str) -> str:
    anchor = "start" if x < 25 else "end" if x > 75 else "middle"
    return (
        f"<text class='{css_class}' x='{x:.2f}%' y='{y}' text-anchor='{anchor}' "
        f"font-size='13' fill='#1d2433'>{_e(text)}</text>"
    )


def _logged(m: Mapping[str, Any]) -> str:
    total = m["intake_mg_per_day"].get("total")
    if total is None:
        return "unknown"
    lower_bound = m.get("evidence") in ("thin", "partial")
    return ("at least " if lower_bound else "") + fmt.mg(float(total))


def _intake_table(diet: Mapping[str, Any]) -> str:
    out = [
        "<div class='table-wrap'><table id='intake-table' class='stack'>"
        "<caption>Logged a day, by mineral</caption><thead><tr><th scope='col'>Mineral</th>"
        "<th scope='col' class='num'>Logged"
        "</th><th scope='col'>Reference</th><th scope='col'>Upper Limit (what it covers)</th>"
        "<th scope='col'>Foods reporting it</th></tr></thead><tbody>"
    ]
    for name, m in diet["minerals"].items():
        coverage = m.get("coverage") or {}
        out.append(
            f"<tr data-mineral='{_e(name)}'><th scope='row'>{_e(fmt.mineral_name(name))}</th>"
            "<td class='num' data-label='Logged'>"
            f"{_e(_logged(m))}</td>"
            f"<td data-label='Reference'>{_e(fmt.mg(float(m['target']['value_mg'])))} "
            f"({_e(m['target']['type'])})</td>"
            f"<td data-label='Upper Limit'>{_e(_ul_words(m) + _ul_counted(m))}</td>"
            f"<td data-label='Foods reporting it'>{_e(coverage.get('reporting', '?'))} of "
            f"{_e(coverage.get('logged', '?'))}"
            "</td></tr>"
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _matched_foods(diet: Mapping[str, Any]) -> list[str]:
    items = diet.get("items") or []
    if not items:
        return []
    days = [d.get("label") for d in diet.get("days") or []]
    out = [
        "<h3 id='matched-foods'>Your log, as matched to USDA foods</h3>",
        "<p class='note'>Check each match: a wrong match changes every number above. Pin a "
        "line to the right food with '@ ID' in the log.</p>",
        "<div class='table-wrap'><table id='matched-foods-table' class='stack'><thead><tr>"
        "<th scope='col'>Log line</th><th scope='col'>Matched USDA food</th>"
        "<th scope='col' class='num'>Grams</th></tr></thead><tbody>",
    ]
    for item in items:
        day = item.get("day")
        where = f"line {item.get('line_number', '?')}"
        if isinstance(day, int) and 0 <= day < len(days) and days[day]:
            where = f"{days[day]}, {where}"
        status = str(item.get("status", ""))
        if status == "matched":
            ident = item.get("ndb_number") or item.get("fdc_id")
            food = _e(item.get("description") or "")
            if ident:
                food += f" <span class='note'>(USDA {_e(ident)})</span>"
            if item.get("pinned"):
                food += " <span class='note'>(pinned)</span>"
            if item.get("basis"):
                food += f"<br><span class='note'>{_e(item['basis'])}</span>"
            grams = fmt.number(float(item["grams"]), 3) if item.get("grams") is not None else "?"
        else:
            food = f"<strong>Not counted: {_e(status.replace('_', ' '))}</strong>"
            if item.get("reason"):
                food += f" — {_e(item['reason'])}"
            candidates = item.get("candidates") or []
            if candidates:
                food += "<br><span class='note'>Candidates: " + "; ".join(
                    _e(f"{c.get('description')} ({c.get('ndb_number') or c.get('fdc_id')})")
                    for c in candidates[:5]
                )
                food += "</span>"
            grams = "—"
        out.append(
            f"<tr class='food-item {_e(status)}' data-line='{_e(item.get('line_number', ''))}'>"
            f"<td data-label='Log line'>“{_e(item.get('line', ''))}”<br>"
            f"<span class='note'>{_e(where)}</span></td>"
            f"<td data-label='Matched USDA food'>{food}</td>"
            f"<td class='num' data-label='Grams'>{_e(grams)}</td></tr>"
        )
    out.append("</tbody></table></div>")
    return out


def _supplements(diet: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    supplements = diet.get("supplements") or []
    if supplements:
        out.append("<h3 id='supplements'>Supplements counted</h3><ul>")
        for s in supplements:
            note = f" <span class='note'>{_e(s['note'])}</span>" if s.get("note") else ""
            out.append(
                f"<li>{_e(s.get('text', ''))}: {_e(fmt.mg(float(s.get('amount_mg', 0))))} "
                f"{_e(s.get('mineral', ''))}{note}</li>"
            )
        out.append("</ul>")
    return out


def _supplement_intake(report: Mapping[str, Any]) -> list[str]:
    """Supplements as elemental mineral a day, against the reference and the Upper Limit."""
    rows = report.get("supplement_intake")
    if not rows:
        return []
    if not isinstance(rows, list):
        return _generic("supplement-intake", "Supplements", rows, 2)
    out = [
        "<h2 id='supplement-intake'>Supplements, as elemental mineral a day</h2>",
        "<div class='table-wrap'><table id='supplement-table' class='stack'><thead><tr>"
        "<th scope='col'>Mineral</th><th scope='col'>Supplements</th>"
        "<th scope='col' class='num'>Elemental a day</th><th scope='col'>Reference</th>"
        "<th scope='col'>Upper Limit (what it covers)</th></tr></thead><tbody>",
    ]
    for row in rows:
        items = "".join(f"<li>{_e(line)}</li>" for line in fmt.supplement_lines(row))
        ul = row.get("ul_mg")
        ul_text = (
            "none set"
            if ul is None
            else fmt.mg(float(ul))
            + (f", applies to {row['ul_applies_to']}" if row.get("ul_applies_to") else "")
        )
        reference = row.get("reference_mg")
        out.append(
            f"<tr data-mineral='{_e(row.get('mineral', ''))}'>"
            f"<th scope='row'>{_e(fmt.mineral_name(str(row.get('mineral', ''))))}</th>"
            f"<td data-label='Supplements'><ul>{items}</ul></td>"
            f"<td class='num' data-label='Elemental a day'>"
            f"{_e(fmt.mg(float(row.get('amount_mg') or 0)))}</td>"
            "<td data-label='Reference'>"
            f"{_e('-' if reference is None else fmt.mg(float(reference)))}</td>"
            f"<td data-label='Upper Limit'>{_e(ul_text)}</td></tr>"
        )
    out.append("</tbody></table></div>")
    return out


# -- labs ------------------------------------------------------------------------------------


def _labs(report: Mapping[str, Any]) -> list[str]:
    labs = report.get("labs") or []
    if not labs:
        return []
    out = ["<h2 id='labs'>Blood tests</h2>"]
    for lab in labs:
        status = str(lab.get("status", ""))
        words = fmt.lab_reading_words(lab)
        reading = f" — {words}" if words else ""
        hits = "".join(
            f"<li>{_e(h.get('meaning', ''))} <span class='note'>(cut-off "
            f"{_e(h.get('rule', ''))})</span>{_cites(h.get('citations'))}</li>"
            for h in lab.get("thresholds_met") or []
        )
        interval = lab.get("reference_interval") or {}
        note = str(interval.get("note") or "").strip()
        note_html = (
            f" <span class='note'>({_e(note)})</span>"
            if note and fmt.reference_interval(interval) != fmt.LAB_OWN_RANGE
            else ""
        )
        date = f" <span class='note'>({_e(lab['date'])})</span>" if lab.get("date") else ""
        out.append(
            f"<div class='lab' data-test='{_e(lab.get('test', ''))}' data-status='{_e(status)}'>"
            f"<h3>{_e(lab.get('name') or lab.get('test'))}: "
            f"{_e(fmt.lab_reading(lab))}{_e(reading)}{date}</h3>"
            f"<p class='ref-interval'>Reference interval: {_e(fmt.lab_reference(lab))}"
            f"{note_html}{_cites(interval.get('citations'))}</p>"
            + (f"<p>Cut-offs this result meets:</p><ul>{hits}</ul>" if hits else "")
            + "</div>"
        )
    return out


# -- instruments, notes ------------------------------------------------------------------------


def _instruments(report: Mapping[str, Any]) -> list[str]:
    out = []
    isi = report.get("isi")
    if isi:
        out.append(
            f"<h2 id='isi'>Insomnia Severity Index</h2><p>Total {_e(isi['total'])} of 28: "
            f"{_e(isi['label'])}.</p>{_cites(isi.get('citations'))}"
        )
    rls = report.get("rls")
    if rls:
        out.append(
            f"<h2 id='rls'>Restless legs</h2><p>{_e(rls['summary'])}.</p>"
            f"{_cites(rls.get('citations'))}"
        )
    stop_bang = report.get("stop_bang")
    if stop_bang:
        out.append("<h2 id='stop-bang'>Sleep apnoea risk (STOP-Bang)</h2>")
        out.append(
            f"<p>{_e(fmt.stop_bang_text(stop_bang))}</p>{_cites(stop_bang.get('citations'))}"
        )
    mood = report.get("mood")
    if mood:
        out.append("<h2 id='mood'>Mood (PHQ-2)</h2><ul>")
        out += [f"<li>{_e(line)}</li>" for line in fmt.mood_lines(mood)]
        out.append(f"</ul>{_cites(mood.get('citations'))}")
    return out


def _generic(anchor: str, title: str, value: Any, level: int = 3) -> list[str]:
    """A section whose exact shape may grow: its summary or label, score and citations."""
    if not value:
        return []
    head = f"<h{level} id='{anchor}'>{_e(title)}</h{level}>"
    if isinstance(value, str):
        return [head, f"<p>{_e(value)}</p>"]
    if isinstance(value, list):
        items = "".join(f"<li>{_describe(v)}</li>" for v in value)
        return [head, f"<ul>{items}</ul>"]
    if isinstance(value, Mapping):
        return [head, f"<p>{_describe(value)}</p>"]
    return [head, f"<p>{_e(value)}</p>"]


def _describe(value: Any) -> str:
    if not isinstance(value, Mapping):
        return _e(value)
    text = ""
    for key in ("summary", "text", "message", "label", "band"):
        if value.get(key):
            text = str(value[key])
            break
    score = next(
        (value[k] for k in ("score", "total") if isinstance(value.get(k), int | float)), None
    )
    if score is not None:
        of = value.get("max") or value.get("out_of")
        text = (
            f"Score {fmt.number(float(score), 3)}"
            + (f" of {of}" if of else "")
            + (f": {text}" if text else "")
        )
    if not text:
        text = "; ".join(
            f"{k.replace('_', ' ')}: {v}"
            for k, v in value.items()
            if k != "citations" and isinstance(v, str | int | float | bool)
        )
    return _e(text) + _cites(value.get("citations"))


def _notes(report: Mapping[str, Any]) -> list[str]:
    notes = report.get("notes")
    if not notes:
        return []
    text = notes if isinstance(notes, str) else "\n".join(str(n) for n in notes)
    return [
        "<h2 id='notes'>Notes for the clinician</h2>",
        "<p class='note'>Written by the person; shown as given and never scored.</p>",
        f"<blockquote class='notes'>{_e(text)}</blockquote>",
    ]


# -- next steps and references -------------------------------------------------------------------


def _next_steps(report: Mapping[str, Any]) -> list[str]:
    steps = fmt.ordered_steps(report.get("next_steps") or [])
    out = ["<h2 id='next-steps'>Next steps, in this order</h2><ol class='steps'>"]
    for s in steps:
        kind = str(s.get("kind", "info"))
        pathway = f" data-pathway='{_e(s['pathway'])}'" if s.get("pathway") else ""
        out.append(
            f"<li class='step {_e(kind)}' data-kind='{_e(kind)}'{pathway}>"
            f"<span class='kind'>{_e(fmt.step_label(kind))}:</span> {_e(s['text'])}"
            f"{_cites(s.get('citations'))}</li>"
        )
    out.append("</ol>")
    return out


def _references(report: Mapping[str, Any]) -> list[str]:
    cited = fmt.collect_citations(report)
    if not cited:
        return []
    cited.sort(key=lambda c: fmt.source_name(c).lower())
    items = []
    for c in cited:
        links = "".join(
            f" <a href='{_e(url)}'>{_e(label)}</a>" for label, url in fmt.reference_links(c)
        )
        unchecked = (
            "" if c.get("verified", True) else " <span class='note'>(record not yet checked)</span>"
        )
        items.append(
            f"<li id='ref-{_e(c['id'])}'><strong>{_e(fmt.source_name(c))}</strong>. "
            f"{_e(fmt.full_reference(c))}{links}{unchecked}</li>"
        )
    return [
        "<h2 id='references'>References</h2>",
        f"<ol class='note references'>{''.join(items)}</ol>",
    ]
