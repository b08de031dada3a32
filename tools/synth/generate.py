#!/usr/bin/env python3
"""Generates synthetic 2021-format annual reports with known cell values, renders them as real
documents and extracts their text the ways users do.

    tools/synth/generate.py --count 30 --seed 1 --out /tmp/synth [--routes tabrow,w3m] [--plain]

writes, for each report NNN and each extraction route R:
    OUT/R/NNN.txt          the extracted text xxgk reads
    OUT/truth/NNN.json     cell values keyed by the spec's canonical keys, the injected error if any,
                           the labels written with a typo (altered_labels), every variant chosen
    OUT/source/NNN.html    the rendered document (also .docx and .pdf)

Routes (tools/synth/routes.py): tabrow (a browser's copy of the page: one table row a line,
tab-separated), crawler (a crawler's archive: a header block, then the body on one line with its
whitespace dropped or made single spaces), w3m, lynx, html2text (text browsers on the HTML),
html2text-py (Python's html2text, Markdown), pandoc (plain), pandoc-gfm, pandoc-md and docx2txt
(on a DOCX made by LibreOffice), pdftotext, pdftotext-raw and pdftotext-layout (on a PDF made by
LibreOffice from the DOCX).

Each report is rendered its own way (tools/synth/variants.py), from an rng seeded by --seed and
its index: numbering of table 三's items (1. 1、 （1） ① （一） none …), a typo in one or two labels,
notes on a line of their own, wrapped headers, CJK font, table font size, page size (A4, Letter,
B5, A4 landscape), column grid, text-browser width, page furniture and running heads in the
pdftotext routes. --plain renders every report as the set did before that variety.

Needs: libreoffice-writer-nogui, CJK fonts, poppler-utils, pandoc, docx2txt, w3m, lynx, html2text,
python3-html2text (tools/synth/install-deps). The test suite does not: it uses committed extracts.
"""
import argparse
import html
import json
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import routes as R  # noqa: E402
import variants as V  # noqa: E402

COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]

# (key, level, ordinal, wording, group) in table order: level 0 一、…, 1 （一）…, 2 1.…
T3_ROWS = [
    ("new_received", 0, 1, "本年新收政府信息公开申请数量", None),
    ("carried_over", 0, 2, "上年结转政府信息公开申请数量", None),
    ("granted", 1, 1, "予以公开", None),
    ("partially_granted", 1, 2, "部分公开", None),
    ("denied.state_secret", 2, 1, "属于国家秘密", "denied"),
    ("denied.prohibited_by_law", 2, 2, "其他法律行政法规禁止公开", "denied"),
    ("denied.security_stability", 2, 3, "危及“三安全一稳定”", "denied"),
    ("denied.third_party", 2, 4, "保护第三方合法权益", "denied"),
    ("denied.internal_affairs", 2, 5, "属于三类内部事务信息", "denied"),
    ("denied.process_info", 2, 6, "属于四类过程性信息", "denied"),
    ("denied.enforcement_file", 2, 7, "属于行政执法案卷", "denied"),
    ("denied.query_matter", 2, 8, "属于行政查询事项", "denied"),
    ("unable.not_held", 2, 1, "本机关不掌握相关政府信息", "unable"),
    ("unable.needs_creation", 2, 2, "没有现成信息需要另行制作", "unable"),
    ("unable.unclear", 2, 3, "补正后申请内容仍不明确", "unable"),
    ("not_processed.petition", 2, 1, "信访举报投诉类申请", "not_processed"),
    ("not_processed.repeated", 2, 2, "重复申请", "not_processed"),
    ("not_processed.publication", 2, 3, "要求提供公开出版物", "not_processed"),
    ("not_processed.excessive", 2, 4, "无正当理由大量反复申请", "not_processed"),
    ("not_processed.reconfirm", 2, 5, "要求行政机关确认或重新出具已获取信息", "not_processed"),
    ("other.no_correction", 2, 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other"),
    ("other.unpaid_fee", 2, 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other"),
    ("other.other", 2, 3, "其他", "other"),
    ("total", 1, 7, "总计", None),
    ("carried_forward", 0, 4, "结转下年度继续办理", None),
]
# group: (ordinal at level 1, wording)
GROUP_LABELS = {"denied": (3, "不予公开"), "unable": (4, "无法提供"), "not_processed": (5, "不予处理"),
                "other": (6, "其他处理")}
LEAVES = [k for k, _, _, _, _ in T3_ROWS if k not in ("new_received", "carried_over", "total", "carried_forward")]

AGENCY_PLACES = ["西工区", "中卫市", "大兴区", "卫滨区", "高新区", "临潼县", "东城区", "江宁区", "武侯区", "南山区"]
AGENCY_BODIES = ["退役军人事务局", "人民政府办公室", "教育局", "卫生健康委员会", "自然资源局", "市场监督管理局",
                 "住房和城乡建设局", "人力资源和社会保障局", "生态环境局", "交通运输局"]
HEADINGS = {
    1: ["一、总体情况"],
    2: ["二、主动公开政府信息情况"],
    3: ["三、收到和处理政府信息公开申请情况"],
    4: ["四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "四、政府信息公开行政复议和行政诉讼情况"],
    5: ["五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况", "五、存在主要问题及改进情况",
        "五、存在问题及改进情况"],
    6: ["六、其他需要报告的事项"],
}


def half_width(s):
    return s.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")


def small(rng):
    r = rng.random()
    if r < 0.7:
        return 0
    if r < 0.95:
        return rng.randint(1, 20)
    return rng.randint(100, 15000)


def make_report(rng, index):
    """Cell values that keep every rule; then maybe one rule broken on purpose."""
    cells = {}
    leaves = {leaf: [small(rng) if c < 2 or rng.random() < 0.15 else 0 for c in range(6)] for leaf in LEAVES}
    total = [sum(leaves[leaf][c] for leaf in LEAVES) for c in range(6)]
    forward = [rng.choice([0, 0, 0, rng.randint(0, 5)]) for _ in range(6)]
    carried = [min(rng.choice([0, 0, rng.randint(0, 5)]), total[c] + forward[c]) for c in range(6)]
    received = [total[c] + forward[c] - carried[c] for c in range(6)]
    rows = dict(leaves, new_received=received, carried_over=carried, total=total, carried_forward=forward)
    for key, values in rows.items():
        for c, v in enumerate(values):
            cells[f"table3.{key}.{COLUMNS[c]}"] = str(v)
        cells[f"table3.{key}.total"] = str(sum(values))
    for group in T4_GROUPS:
        parts = [rng.choice([0, 0, 0, 1, 2]) for _ in range(4)]
        for col, v in zip(T4_COLUMNS, parts + [sum(parts)]):
            cells[f"table4.{group}.{col}"] = str(v)
    for row in ("regulations", "normative_documents"):
        for col in ("issued", "repealed", "in_force"):
            cells[f"table2.{row}.{col}"] = str(rng.choice([0, 0, 0, 1, 2, 5, 13]))
    for row in ("licensing", "punishment", "coercion"):
        cells[f"table2.{row}.decisions"] = str(rng.choice([0, 0, 3, 17, 256, 13612]))
    cells["table2.fees.amount"] = rng.choice(["0", "0", "0", "0.0235", "1.2", "0.15"])

    injected = None
    if rng.random() < 0.3:
        rule = rng.choice(["A1", "A3", "A5–A7"])
        if rule == "A1":
            row = rng.choice(LEAVES + ["new_received"])
            key = f"table3.{row}.total"
        elif rule == "A3":
            key = f"table3.carried_forward.{rng.choice(COLUMNS)}"
        else:
            group = rng.choice(T4_GROUPS)
            rule = {"review": "A5", "litigation_direct": "A6", "litigation_after_review": "A7"}[group]
            key = f"table4.{group}.total"
        cells[key] = str(int(cells[key]) + rng.randint(1, 3))
        injected = {"rule": rule, "key": key}
        if rule == "A3" and not key.endswith(".total"):
            # Keep the row total right so that only A3 (and A2 is untouched) breaks.
            row_total = f"table3.carried_forward.total"
            cells[row_total] = str(sum(int(cells[f"table3.carried_forward.{c}"]) for c in COLUMNS[:6]))
    elif rng.random() < 0.15:
        # A cell left blank: not a rule break, a format finding (F5).
        key = f"table3.{rng.choice(LEAVES)}.{rng.choice(COLUMNS[1:6])}"
        if cells[key] == "0":
            cells[key] = ""
    return {
        "index": index,
        "agency": rng.choice(AGENCY_PLACES) + rng.choice(AGENCY_BODIES),
        "year": rng.choice([2021, 2022, 2023, 2024]),
        "headings": {n: rng.choice(options) for n, options in HEADINGS.items()},
        "half_width": rng.random() < 0.4,
        # Damage and layout variants seen in real reports (spec §7), each in some of the reports.
        "variants": {
            "appendix": rng.random() < 0.15,            # tables after 六, under 附表
            "prose_before_table": rng.random() < 0.3,   # 该部分以表格形式报告。表格如下：
            "title_after_first": rng.random() < 0.1,    # the title below 一、总体情况
            "page_chrome": rng.random() < 0.3,          # site navigation before, 附件下载 after
            "page_numbers": rng.random() < 0.5,         # -N- footers in PDF text
            "flat_table4": rng.random() < 0.2,          # table 四 copied as one line
        },
        "cells": cells,
        "injected": injected,
    }


def td(text, rowspan=1, colspan=1):
    """A cell: its HTML (a line break in text is a <br>), its text, its spans."""
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return (f"<td{attrs}>{html.escape(text).replace(chr(10), '<br>')}</td>", text, rowspan, colspan)


def labeller(r):
    return half_width if r["half_width"] else (lambda s: s)


def table3_labels(r):
    """Table 三's labels as the report writes them: {row key or group or "results": text}."""
    rv = r["render"]
    styles = {level: {0: V.LEVEL0, 1: V.LEVEL1, 2: V.LEVEL2}[level][rv["numbering"][f"level{level}"]]
              for level in (0, 1, 2)}
    labels = {}
    for key, level, n, wording, _ in T3_ROWS:
        text = V.fmt(styles[level], n) + V.broken(r["typos"].get(key, wording), rv["label_breaks"])
        if key == "partially_granted":
            note = V.PARTIAL_NOTE if "half" not in rv["partial_note"] else half_width(V.PARTIAL_NOTE)
            text += ("\n" if rv["partial_note"].startswith("br") else "") + note
        labels[key] = text
    for group, (n, wording) in GROUP_LABELS.items():
        labels[group] = V.fmt(styles[1], n) + V.broken(wording, rv["label_breaks"])
    labels["results"] = V.fmt(styles[0], 3) + V.broken("本年度办理结果", rv["label_breaks"])
    return labels


def choose_typos(rng, count):
    """{row key: wording with one character dropped, doubled or replaced}, for count labels of six
    characters or more."""
    candidates = [key for key, _, _, wording, _ in T3_ROWS if len(wording) >= 6]
    wordings = {key: wording for key, _, _, wording, _ in T3_ROWS}
    return {key: V.typo(rng, wordings[key]) for key in rng.sample(candidates, count)}


def table2_rows(r, label):
    v = r["cells"]
    rv = r["render"]
    wrapped = dict(map(tuple, rv["wrapped_headers"]))

    def head(h):
        return label(V.with_break(h, wrapped[h]) if h in wrapped else h)

    rows = []
    for article, header, body in [
        ("（一）", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
         [("规章", "regulations"), ("行政规范性文件", "normative_documents")]),
        ("（五）", ["信息内容", "本年处理决定数量"], [("行政许可", "licensing")]),
        ("（六）", ["信息内容", "本年处理决定数量"], [("行政处罚", "punishment"), ("行政强制", "coercion")]),
        ("（八）", ["信息内容", rv["fee_header"]], [("行政事业性收费", "fees")]),
    ]:
        rows.append([td(label(f"第二十条第{article}项"), colspan=4)])
        if len(header) == 4:
            rows.append([td(head(h)) for h in header])
        else:
            rows.append([td(label(header[0])), td(head(header[1]), colspan=3)])
        for text, key in body:
            if key in ("regulations", "normative_documents"):
                rows.append([td(label(text))] + [td(v[f"table2.{key}.{c}"]) for c in ("issued", "repealed", "in_force")])
            else:
                col = "amount" if key == "fees" else "decisions"
                rows.append([td(label(text)), td(v[f"table2.{key}.{col}"], colspan=3)])
    return rows


def table3_rows(r, label):
    v = r["cells"]
    labels = table3_labels(r)
    rows = [
        [td(label(V.CORNER_NOTES[r["render"]["corner_note"]]), rowspan=3, colspan=3), td("申请人情况", colspan=7)],
        [td("自然人", rowspan=2), td("法人或其他组织", colspan=5), td("总计", rowspan=2)],
        [td(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    seen_groups = set()
    for key, _, _, _, group in T3_ROWS:
        values = [td(v[f"table3.{key}.{c}"]) for c in COLUMNS]
        row = []
        if key in ("new_received", "carried_over", "carried_forward"):
            row.append(td(label(labels[key]), colspan=3))
        else:
            if key == "granted":
                row.append(td(label(labels["results"]), rowspan=22))
            if group is None:
                row.append(td(label(labels[key]), colspan=2))
            else:
                if group not in seen_groups:
                    seen_groups.add(group)
                    size = sum(1 for row_ in T3_ROWS if row_[4] == group)
                    row.append(td(label(labels[group]), rowspan=size))
                row.append(td(label(labels[key])))
        rows.append(row + values)
    return rows


def table4_rows(r, label):
    v = r["cells"]
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [td("行政复议", colspan=5), td("行政诉讼", colspan=10)],
        [td(h, rowspan=2) for h in heads] + [td("未经复议直接起诉", colspan=5), td("复议后起诉", colspan=5)],
        [td(h) for h in heads * 2],
        [td(v[f"table4.{g}.{c}"]) for g in T4_GROUPS for c in T4_COLUMNS],
    ]


def paragraphs(r):
    v = r["cells"]
    y = r["year"]
    received = v["table3.new_received.total"]
    return {
        "preamble": [f"本报告根据《中华人民共和国政府信息公开条例》编制，统计数据从{y}年1月1日至{y}年12月31日。"],
        1: [f"{y}年，{r['agency']}认真贯彻落实政务公开工作要求，依法做好政府信息公开工作。",
            "（一）主动公开", f"全年通过政府网站发布各类信息{r['index'] % 90 + 10}条。",
            "（二）依申请公开", f"本年度共收到政府信息公开申请{received}件，均在法定期限内答复。",
            "（三）政府信息管理", "严格落实保密审查制度。",
            "（四）政府信息公开平台建设", "加强政府网站和政务新媒体建设。",
            "（五）监督保障", "将政务公开工作纳入年度考核。"],
        5: ["一是公开内容的深度和广度有待提升。", "下一步将加强业务培训。"],
        6: [f"{y}年度本机关未收取信息处理费。"],
    }


def blocks_of(r):
    """The document as a list of blocks: (kind, payload), kind in h1, h2, p, table."""
    label = labeller(r)
    v = r["variants"]
    title = f"{r['agency']}{r['year']}年政府信息公开工作年度报告"
    text = paragraphs(r)
    tables = {2: table2_rows(r, label), 3: table3_rows(r, label), 4: table4_rows(r, label)}
    blocks = []
    if v["page_chrome"]:
        blocks += [("p", "首页 > 政务公开 > 政府信息公开年报"), ("p", "发布时间：2025-01-20 来源：本站 字号：大 中 小")]
    if not v["title_after_first"]:
        blocks.append(("h1", title))
    blocks += [("p", p) for p in text["preamble"]]
    for n in range(1, 7):
        blocks.append(("h2", r["headings"][n]))
        if n == 1 and v["title_after_first"]:
            blocks.append(("h1", title))
        blocks += [("p", p) for p in text.get(n, [])]
        if n in tables and not v["appendix"]:
            if v["prose_before_table"]:
                blocks.append(("p", "该部分以表格形式报告。表格如下："))
            blocks.append(("table", (n, tables[n])))
    if v["appendix"]:
        blocks.append(("h2", "附表"))
        for n in (2, 3, 4):
            blocks.append(("p", f"附表{n - 1}"))
            blocks.append(("table", (n, tables[n])))
    if v["page_chrome"]:
        blocks += [("p", "附件下载："), ("p", "打印本页 关闭窗口")]
    return title, blocks


def render_html(r, title, blocks):
    rv = r["render"]
    if r["plain"]:
        style = "body{font-family:'WenQuanYi Zen Hei'}"
    else:
        # LibreOffice's HTML import keeps @page's size and margins, and the fonts named here.
        width, height = V.PAGES[rv["page"]]
        style = (f"@page {{ size: {width} {height}; margin: {rv['margin_cm']}cm }} "
                 f"body, h1, h2, p, td {{ font-family: '{rv['font']}' }}")
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"><title>', html.escape(title), "</title>",
           f"<style>{style}</style></head><body>"]
    for kind, payload in blocks:
        if kind != "table":
            out.append(f"<{kind}>{html.escape(payload)}</{kind}>")
            continue
        n, rows = payload
        out.append(f'<table border="1" cellspacing="0" cellpadding="2" width="{rv["table_width"]}%" '
                   f'style="font-size:{rv["table_font_pt"]}pt">')
        cols = V.grid_cols(rv["grid"], n, {2: 3, 3: 7}.get(n, 0))
        if cols:
            out.append("<colgroup>" + "".join(f'<col width="{w}%">' for w in cols) + "</colgroup>")
        # Table 三's three header rows repeat on each page the table crosses.
        head = 3 if n == 3 else 0
        for i, row in enumerate(rows):
            if head and i == 0:
                out.append("<thead>")
            out.append("<tr>" + "".join(cell[0] for cell in row) + "</tr>")
            if head and i == head - 1:
                out.append("</thead><tbody>")
        if head:
            out.append("</tbody>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def prepare(r, seed, plain):
    """Chooses report r's rendering (from an rng of its own, so that the cells and the variants
    of make_report stay what the seed gave before this variety) and its label typos."""
    rng = random.Random(f"render:{seed}:{r['index']}")
    r["plain"] = plain
    r["render"] = V.choose(rng, plain)
    r["typos"] = choose_typos(rng, r["render"]["typos"])
    r["crawler_rng"] = random.Random(f"crawler:{seed}:{r['index']}")
    label = labeller(r)
    labels = table3_labels(r)
    r["altered_labels"] = [{"key": f"table3.{key}", "written": label(labels[key])} for key, _, _, _, _ in T3_ROWS
                           if key in r["typos"]]


def truth_of(r):
    truth = {k: r[k] for k in ("agency", "year", "cells", "injected")}
    truth["altered_labels"] = r["altered_labels"]
    rv = r["render"]
    truth["variants"] = dict(r["variants"], **rv, plain=r["plain"])
    # What took effect: the furniture form only where there are page numbers, the grid's widths.
    truth["variants"]["furniture"] = rv["furniture"] if r["variants"]["page_numbers"] else None
    truth["variants"]["grid_cols"] = {"table2": V.grid_cols(rv["grid"], 2, 3), "table3": V.grid_cols(rv["grid"], 3, 7)}
    return truth


def furnish(r, route, data):
    """Page furniture in a pdftotext route's text (footers, a running head)."""
    v, rv = r["variants"], r["render"]
    if r["plain"]:
        return R.with_page_numbers(data) if v["page_numbers"] else data
    mode = {"pdftotext": "default", "pdftotext-raw": "raw", "pdftotext-layout": "layout"}[route]
    head = rv["running_head"]
    head_text = None
    if head:
        head_text = f"{r['agency']}{r['year']}年政府信息公开工作年度报告" if head["text"] == "title" else r["agency"]
    form = rv["furniture"] if v["page_numbers"] else None
    if not form and not head_text:
        return data
    return R.with_furniture(data, mode, form, head_text, head["first_page"] if head else True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--routes", default="all", help="comma list of routes (default all): " + ",".join(R.ROUTES))
    ap.add_argument("--plain", action="store_true", help="every report rendered alike, as before the variety")
    args = ap.parse_args()
    routes = R.ROUTES if args.routes == "all" else [x.strip() for x in args.routes.split(",") if x.strip()]
    unknown = [x for x in routes if x not in R.ROUTES]
    if unknown:
        ap.error(f"unknown route(s) {', '.join(unknown)}; known: {', '.join(R.ROUTES)}")
    started = time.monotonic()
    rng = random.Random(args.seed)
    out = Path(args.out)
    for d in ["truth", "source"] + routes:
        (out / d).mkdir(parents=True, exist_ok=True)
    reports = [make_report(rng, i) for i in range(args.count)]
    for r in reports:
        prepare(r, args.seed, args.plain)
        name = f"{r['index']:03d}"
        title, blocks = blocks_of(r)
        (out / "source" / f"{name}.html").write_text(render_html(r, title, blocks), encoding="utf-8")
        if "tabrow" in routes:
            (out / "tabrow" / f"{name}.txt").write_text(R.tab_row_copy(blocks, r["variants"]["flat_table4"]),
                                                        encoding="utf-8")
        if "crawler" in routes:
            text = R.crawler_copy(r["crawler_rng"], r, title, blocks, r["render"]["crawler"])
            (out / "crawler" / f"{name}.txt").write_text(text, encoding="utf-8")
        (out / "truth" / f"{name}.json").write_text(json.dumps(truth_of(r), ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
    src = out / "source"
    names = [f"{r['index']:03d}" for r in reports]
    profile = f"-env:UserInstallation=file://{out.resolve()}/lo-profile"
    # One LibreOffice start per step for the whole set: starting it is the slow part. Page sizes,
    # fonts and grids are in each HTML, so one call serves every variant.
    if R.DOCX_ROUTES & set(routes):
        R.run(["soffice", profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(src)]
              + [str(src / f"{n}.html") for n in names])
    if R.PDF_ROUTES & set(routes):
        R.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(src)]
              + [str(src / f"{n}.docx") for n in names])
    tool_routes = [x for x in routes if x not in ("tabrow", "crawler")]
    for r, name in zip(reports, names):
        cmds = R.commands(r["render"], *(str(src / f"{name}.{ext}") for ext in ("html", "docx", "pdf")))
        for route in tool_routes:
            data = R.run(cmds[route]).stdout
            if route in R.PDF_ROUTES:
                data = furnish(r, route, data)
            (out / route / f"{name}.txt").write_bytes(data)
    shutil.rmtree(out / "lo-profile", ignore_errors=True)
    print(f"{len(reports)} reports x {len(routes)} routes in {out} ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
