"""Rendering variety for tools/synth/generate.py: how one report is written and laid out
(numbering, label typos, notes, wrapped headers, fonts, page size, column grid, page furniture,
text-browser widths, crawler whitespace), chosen per report from its own seeded rng.

Nothing here changes a cell value: the truth's cells stay what the document shows.
"""

CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# Numbering of table 三's labels by level: 0 一、本年新收…, 1 （一）予以公开, 2 1.属于国家秘密.
# Each style is shown as it looks for item 1 and formatted with d (digit), c (circled), h (Chinese).
LEVEL0 = {"一、": "{h}、", "一.": "{h}.", "一．": "{h}．", "none": ""}
LEVEL1 = {"（一）": "（{h}）", "(一)": "({h})"}
LEVEL2 = {"1.": "{d}.", "1、": "{d}、", "1．": "{d}．", "1. ": "{d}. ", "(1)": "({d})", "（1）": "（{d}）",
          "①": "{c}", "（一）": "（{h}）", "none": ""}

FONTS = ["WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC",
         "AR PL UMing CN", "AR PL UKai CN"]
# CSS @page sizes: LibreOffice's HTML import keeps them (checked with pdfinfo).
PAGES = {"A4": ("21cm", "29.7cm"), "Letter": ("8.5in", "11in"), "B5": ("17.6cm", "25cm"),
         "A4-landscape": ("29.7cm", "21cm")}
TABLE_FONT_SIZES = [9, 9.5, 10, 10.5, 11, 12]
# Column grids, in percent of the table width: the label columns, the rest shared by the values.
# table 三 has three label columns and seven value columns; table 二 one label column and three;
# table 四 fifteen value columns and no label column.
GRIDS = {
    "auto": None,
    "narrow-labels": {3: [4, 5, 9], 2: [14]},
    "balanced": {3: [6, 10, 24], 2: [30]},
    "wide-labels": {3: [8, 14, 38], 2: [45]},
    "uneven": {3: [5, 12, 20], 2: [22]},
}
BROWSER_WIDTHS = [80, 100, 120, 160, 200]
# Page furniture, as written at the foot of page N of M.
FURNITURE = ["-N-", "- N -", "— N —", "第N页", "第 N 页 共 M 页", "N/M", "N"]
TABLE2_HEADERS = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"]
FEE_HEADERS = ["本年收费金额（单位：万元）", "本年收费金额（单位：万元，保留 4 位小数）", "本年收费金额(单位:万元)",
               "本年收费金额\n（单位：万元）"]
PARTIAL_NOTE = "（区分处理的，只计这一情形，不计其他情形）"
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
CORNER_NOTES = {
    "plain": CORNER_NOTE,
    "br": "（本列数据的勾稽关系为：\n第一项加第二项之和，\n等于第三项加第四项之和）",
    "long": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。表中数据的统计时限与本报告一致）",
}
# Characters a typist or an OCR pass confuses, for the `replace` typo.
SIMILAR = dict(pair for pair in (
    "请清 申甲 政正 府付 信言 息思 公分 开升 处外 理里 属嘱 于干 国图 家冢 密蜜 法去 律津 行往 规现 禁楚 止上 "
    "危厄 及乃 安按 全金 稳隐 定淀 保堡 护户 第弟 三王 方万 权杈 益溢 部陪 事亊 务条 程呈 性姓 执热 案桉 卷券 "
    "查杳 询洵 机杌 关美 掌常 握渥 相湘 没设 现见 成戍 需须 要耍 另叧 制製 作做 补朴 内肉 容客 仍扔 明朋 确碓 "
    "访仿 举誉 报服 投役 诉拆 复夏 提堤 供共 出岀 版板 物勿 无旡 当挡 由田 大太 量星 反友 认议 新亲 具且 已己 "
    "获荻 取耴 逾愈 期其 不木 按接 收牧 费赀 通道 知和 缴激 纳钠 用甩 再冉 年午 结给 转传 度渡 数敷").split())


def fmt(template, n):
    return template.format(d=n, c=CIRCLED[n - 1], h=CN[n - 1])


def choose(rng, plain=False):
    """The rendering variants of one report. plain: the look of every report before this module
    (1. numbering, WenQuanYi Zen Hei, A4, 9pt, even columns, width 200, -N- furniture)."""
    if plain:
        return {"numbering": {"level0": "一、", "level1": "（一）", "level2": "1."}, "partial_note": "inline",
                "corner_note": "plain", "wrapped_headers": [], "fee_header": FEE_HEADERS[0],
                "font": FONTS[0], "page": "A4", "margin_cm": 2.0, "table_font_pt": 9, "grid": "auto",
                "table_width": 100, "w3m_cols": 200, "lynx_width": 200, "html2text_width": 200,
                "pandoc_wrap": "none", "furniture": "-N-", "running_head": None, "typos": 0,
                "crawler": {"table_space": 0.0, "prose_space": 0.5, "menu": False, "attachments": False},
                "label_breaks": None}
    level0 = rng.choices(list(LEVEL0), weights=[70, 10, 10, 10])[0]
    wrapped = [h for h in TABLE2_HEADERS if rng.random() < 0.5] if rng.random() < 0.3 else []
    return {
        "numbering": {"level0": level0, "level1": rng.choice(list(LEVEL1)), "level2": rng.choice(list(LEVEL2))},
        # （二）部分公开's note: on the label's line, on its own line (<br>), half-width, or both.
        "partial_note": rng.choices(["inline", "br", "half", "br-half"], weights=[40, 25, 20, 15])[0],
        "corner_note": rng.choices(list(CORNER_NOTES), weights=[60, 20, 20])[0],
        # table 二's headers broken by a <br> at a random place (本年制发件<br>数).
        "wrapped_headers": [(h, rng.randint(2, len(h) - 1)) for h in wrapped],
        "fee_header": rng.choices(FEE_HEADERS, weights=[55, 20, 15, 10])[0],
        "font": rng.choice(FONTS),
        "page": rng.choice(list(PAGES)),
        "margin_cm": rng.choice([1.5, 2.0, 2.5, 3.0]),
        "table_font_pt": rng.choice(TABLE_FONT_SIZES),
        "grid": rng.choice(list(GRIDS)),
        "table_width": rng.choice([100, 100, 95, 90]),
        "w3m_cols": rng.choice(BROWSER_WIDTHS),
        "lynx_width": rng.choice(BROWSER_WIDTHS),
        "html2text_width": rng.choice(BROWSER_WIDTHS),
        # pandoc -t plain as the old set ran it (--wrap=none) or with its defaults (72 columns, wrapped).
        "pandoc_wrap": rng.choice(["none", "auto", "auto"]),
        "furniture": rng.choice(FURNITURE),
        "running_head": (None if rng.random() < 0.7 else
                         {"text": rng.choice(["title", "agency"]), "first_page": rng.random() < 0.5}),
        "typos": rng.choice([1, 1, 2]) if rng.random() < 0.25 else 0,
        # The crawler route: the chance that a whitespace run becomes one space (else nothing).
        "crawler": {"table_space": rng.choice([0.0, 0.0, 0.1, 0.3]), "prose_space": rng.choice([0.2, 0.5, 0.9]),
                    "menu": rng.random() < 0.3, "attachments": rng.random() < 0.3},
        # Hard line breaks inside table 三's long labels every so many characters, as authors who
        # type into narrow Word cells leave them; they also let pandoc narrow its label column, so
        # that with `1. ` numbering it wraps `2.` onto a line of its own.
        "label_breaks": rng.choice([6, 8, 10, 12]) if rng.random() < 0.25 else None,
    }


def typo(rng, body):
    """One character of body dropped, doubled or replaced by a similar one. body has 6 or more
    characters (the caller makes sure); punctuation is left alone."""
    spots = [i for i, ch in enumerate(body) if "\u4e00" <= ch <= "\u9fff"]
    i = rng.choice(spots)
    kinds = ["drop", "double"] + (["replace", "replace"] if body[i] in SIMILAR else [])
    kind = rng.choice(kinds)
    if kind == "drop":
        return body[:i] + body[i + 1:]
    if kind == "double":
        return body[:i] + body[i] + body[i:]
    return body[:i] + SIMILAR[body[i]] + body[i + 1:]


def with_break(text, at):
    return text[:at] + "\n" + text[at:]


def broken(text, every):
    """text with a line break after each `every` characters (None: as it is)."""
    if not every:
        return text
    return "\n".join(text[i:i + every] for i in range(0, len(text), every))


def grid_cols(grid, n_labels, n_values):
    """Column widths in percent for a table with n_labels label and n_values value columns, or
    None for the browser's own layout."""
    spec = GRIDS[grid]
    if spec is None or n_labels not in spec:
        return None
    labels = spec[n_labels]
    rest = 100 - sum(labels)
    return labels + [round(rest / n_values, 2)] * n_values
