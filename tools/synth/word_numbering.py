#!/usr/bin/env python3
"""Rewrites a Word file so that the numbers before its headings and labels are numbering Word
generates (w:numPr and word/numbering.xml) instead of text: as a report written in Word with its
heading styles looks. The text a reader sees stays the same; xxgk must compute the numbers.

    tools/synth/word_numbering.py IN.docx OUT.docx

A paragraph whose text starts with 一、 (level 0), （一） (level 1) or 1. / （1） / ① (level 2) loses that
number from its first run and gets w:numPr. Body paragraphs and table cells use two lists. Where
the next number Word would count is not the one written (a new section, a table that starts again),
the paragraph gets a new list instance that restarts its level there (w:lvlOverride/w:startOverride,
as Word's "Set Numbering Value" writes it). Only paragraphs whose number lies whole in their first
w:t are changed; the others keep their text. Prints how many paragraphs were changed.
"""
import re
import sys
import zipfile

CJK = "〇一二三四五六七八九十"
PATTERNS = [  # (regex, level, format, level text)
    (re.compile(r"^([一二三四五六七八九十]+)、"), 0, "chineseCounting", "%1、"),
    (re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]"), 1, "chineseCounting", "（%2）"),
    (re.compile(r"^(\d+)[.．]"), 2, "decimal", "%3."),
    (re.compile(r"^[（(](\d+)[）)]"), 2, "decimal", "（%3）"),
    (re.compile(r"^([①-⑳])"), 2, "decimalEnclosedCircle", "%3"),
]


def cjk_value(text):
    if "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CJK.index(text[1])
    if len(text) == 2 and text.endswith("十"):
        return CJK.index(text[0]) * 10
    if len(text) == 3 and text[1] == "十":
        return CJK.index(text[0]) * 10 + CJK.index(text[2])
    return CJK.index(text)


class Lists:
    """Abstract definitions (one per list and level text) and the instances that use them, with the
    counters Word keeps per abstract definition."""

    def __init__(self):
        self.abstracts = {}  # (list, formats) -> id
        self.nums = []  # (num id, abstract id, {level: start override})
        self.current = {}  # abstract id -> num id in use
        self.counters = {}  # abstract id -> [value or None] * 3

    def number(self, list_name, texts, level, value):
        key = (list_name, texts)
        if key not in self.abstracts:
            self.abstracts[key] = len(self.abstracts)
        abstract = self.abstracts[key]
        counters = self.counters.setdefault(abstract, [None, None, None])
        expected = 1 if counters[level] is None else counters[level] + 1
        if abstract not in self.current or expected != value:
            num_id = len(self.nums) + 1
            self.nums.append((num_id, abstract, {} if expected == value else {level: value}))
            self.current[abstract] = num_id
        counters[level] = value
        for deeper in range(level + 1, 3):
            counters[deeper] = None
        return self.current[abstract]

    def xml(self):
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {ns}>']
        for (list_name, texts), abstract in self.abstracts.items():
            out.append(f'<w:abstractNum w:abstractNumId="{abstract}"><w:multiLevelType w:val="multilevel"/>')
            for level, (fmt, text) in enumerate(texts):
                out.append(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                           f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>')
            out.append("</w:abstractNum>")
        for num_id, abstract, overrides in self.nums:
            out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>')
            for level, start in overrides.items():
                out.append(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>')
            out.append("</w:num>")
        out.append("</w:numbering>")
        return "".join(out)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(src) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    tables = [(m.start(), m.end()) for m in re.finditer(r"<w:tbl>.*?</w:tbl>", doc, re.S)]
    lists = Lists()
    changed = 0
    # The level texts of each list, by level: chosen from the first paragraph seen at each level.
    texts = {"body": [None, None, None], "cell": [None, None, None]}
    out = []
    last = 0
    for m in re.finditer(r"<w:p>(.*?)</w:p>", doc, re.S):
        para = m.group(0)
        first = re.search(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para)
        hit = None
        if first:
            for rx, level, fmt, text in PATTERNS:
                if (n := rx.match(first.group(1))) and n.end() < len(first.group(1)):
                    hit = (n, level, fmt, text)
                    break
        if hit is None or "<w:numPr>" in para:
            continue
        n, level, fmt, text = hit
        list_name = "cell" if any(a <= m.start() < b for a, b in tables) else "body"
        chosen = texts[list_name]
        if chosen[level] is None:
            chosen[level] = (fmt, text)
        if chosen[level] != (fmt, text):
            continue  # another style of number at this level: left as text
        levels = tuple(chosen[k] or ("decimal", f"%{k + 1}.") for k in range(3))
        num_id = lists.number(list_name, levels, level, cjk_value(n.group(1)))
        num_pr = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        t_start = m.start() + first.start(1)
        para_new = (doc[m.start():m.start() + first.start(1)] + first.group(1)[n.end():]
                    + doc[t_start + len(first.group(1)):m.end()])
        # w:numPr comes after w:pStyle in w:pPr (the schema's order, which Word checks).
        if style := re.search(r"<w:pStyle [^>]*/>", para_new):
            para_new = para_new[:style.end()] + num_pr + para_new[style.end():]
        elif "<w:pPr>" in para_new:
            para_new = para_new.replace("<w:pPr>", "<w:pPr>" + num_pr, 1)
        else:
            para_new = para_new.replace("<w:p>", "<w:p><w:pPr>" + num_pr + "</w:pPr>", 1)
        out.append(doc[last:m.start()])
        out.append(para_new)
        last = m.end()
        changed += 1
    out.append(doc[last:])
    parts["word/document.xml"] = "".join(out).encode("utf-8")
    parts["word/numbering.xml"] = lists.xml().encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace("</Types>", '<Override PartName="/word/numbering.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    print(f"{dst}: {changed} paragraphs numbered by Word")


if __name__ == "__main__":
    main()
