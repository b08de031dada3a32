"""Extraction routes of tools/synth/generate.py: how a rendered report becomes the text that
xxgk reads. Two are made from the document's blocks (tabrow, crawler), the others by running a
tool on the HTML, the DOCX or the PDF.
"""
import re
import subprocess

ROUTES = ["tabrow", "crawler", "w3m", "lynx", "html2text", "html2text-py", "pandoc", "pandoc-gfm", "pandoc-md",
          "docx2txt", "pdftotext", "pdftotext-raw", "pdftotext-layout"]
DOCX_ROUTES = {"pandoc", "pandoc-gfm", "pandoc-md", "docx2txt", "pdftotext", "pdftotext-raw", "pdftotext-layout"}
PDF_ROUTES = {"pdftotext", "pdftotext-raw", "pdftotext-layout"}
# Debian's Python, which has python3-html2text (a pyenv python3 on PATH may not).
DEBIAN_PYTHON = "/usr/bin/python3"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


def commands(rv, h, d, p):
    """The command of each tool route for one report: rv its rendering variants, h, d, p the
    paths of its HTML, DOCX and PDF."""
    plain = ["pandoc", "-t", "plain"] + (["--wrap=none"] if rv["pandoc_wrap"] == "none" else [])
    return {
        "w3m": ["w3m", "-dump", "-T", "text/html", "-cols", str(rv["w3m_cols"]), "-I", "UTF-8", "-O", "UTF-8", h],
        "lynx": ["lynx", "-dump", "-nolist", f"-width={rv['lynx_width']}", "-display_charset=utf-8",
                 "-assume_charset=utf-8", h],
        "html2text": ["html2text", "-utf8", "-width", str(rv["html2text_width"]), h],
        # Python's html2text (issue #15) with its defaults: Markdown, lines wrapped at 78.
        "html2text-py": [DEBIAN_PYTHON, "-m", "html2text", h, "utf-8"],
        "pandoc": plain + [d],
        "pandoc-gfm": ["pandoc", "-t", "gfm", d],
        "pandoc-md": ["pandoc", "-t", "markdown", d],
        "docx2txt": ["docx2txt", d, "-"],
        "pdftotext": ["pdftotext", "-enc", "UTF-8", p, "-"],
        "pdftotext-raw": ["pdftotext", "-raw", "-enc", "UTF-8", p, "-"],
        "pdftotext-layout": ["pdftotext", "-layout", "-enc", "UTF-8", p, "-"],
    }


def tab_row_copy(blocks, flat_table4=False):
    """What a browser puts on the clipboard: block text as lines, each table row as its cells
    joined by tabs (cells spanned from a row above are not repeated; a <br> in a cell is a line
    break)."""
    lines = []
    for kind, payload in blocks:
        if kind != "table":
            lines.append(payload)
            continue
        n, rows = payload
        if n == 4 and flat_table4:
            # A crawler that collapsed the table's line breaks: all of it on one line.
            lines.append(" ".join(cell[1] for row in rows for cell in row))
        else:
            lines += ["\t".join(cell[1] for cell in row) for row in rows]
    return "\n".join(lines) + "\n"


def crawler_copy(rng, r, title, blocks, cv):
    """The page as a crawler's archive keeps it: a header block, then the whole body on one line,
    every whitespace run (line breaks and tabs too) made one space or nothing, at random per run:
    inside tables with the chance cv["table_space"] of a space, in prose cv["prose_space"]. Some
    archives write spaces as U+3000, and some pages have stray spaces inside a cell's words (a line
    break inside a narrow cell: `商业 企业`), which are no cell boundaries. The header block is
    short (`标题:`, `发布时间:`, `原文链接:`) or the full one of a real archive
    (../shared/real/crawler: nine lines, `标题: …`, `文号:`, `栏目:`, a note, a long separator,
    and no line end after the body)."""
    parts = []  # (text, in a table)
    chrome = r["variants"]["page_chrome"]  # the page's own navigation is already in the blocks
    if cv["menu"] and not chrome:
        parts.append((rng.choice(SITE_MENUS), False))
    for kind, payload in blocks:
        if kind == "table":
            parts.append(("\n".join("\t".join(cell[1] for cell in row) for row in payload[1]), True))
        else:
            parts.append((payload, False))
    if cv["attachments"] and not chrome:
        parts.append(("附件下载： 附件1 " + title + ".pdf", False))
    full_header = rng.random() < 0.5
    wide_space = "\u3000" if rng.random() < 0.3 else " "
    stray_chance = 0.03 if rng.random() < 0.3 else 0.0

    def squeeze(text, chance):
        return re.sub(r"[\s\u3000]+", lambda m: wide_space if rng.random() < chance else "", text)

    def stray(text):
        return re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", lambda m: " " if rng.random() < stray_chance else "",
                      text)

    body = ""
    for i, (text, in_table) in enumerate(parts):
        if i:
            body += " " if rng.random() < cv["prose_space"] else ""
        squeezed = squeeze(text, cv["table_space"] if in_table else cv["prose_space"])
        body += stray(squeezed) if in_table else squeezed
    day = 10 + r["index"] % 20
    url = f"https://www.example.gov.cn/xxgk/{r['year']}/t{r['year'] + 1}01{day:02d}_{r['index']:03d}.html"
    if full_header:
        head = (f"标题: {title}\n发布时间: {r['year'] + 1}-01-{day:02d} 09:{r['index'] % 60:02d}\n文号: \n"
                f"发布机构: \n栏目: 政府信息公开年报\n原文链接: {url}\n本地目录: xxgk/{r['year']}/{r['index']:03d}_{title}\n"
                "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n")
        return head + body.strip()
    head = f"标题:{title}\n发布时间:{r['year'] + 1}-01-{day:02d}\n原文链接:{url}\n==== 正文 ====\n"
    return head + body.strip() + "\n"


SITE_MENUS = ["首页 机构概况 政务公开 政务服务 互动交流 当前位置：首页>政府信息公开>年度报告",
              "网站首页|信息公开|政策文件|办事服务|公众参与 您当前的位置：首页 > 法定主动公开内容 > 政府信息公开年报"]


def with_page_numbers(data):
    """A footer `-N-` at the end of each page, as pdftotext writes it before the form feed (the
    set's look before furniture varied; kept for --plain)."""
    pages = data.split(b"\f")
    return b"".join(page + (f"\n-{i + 1}-\n".encode() + b"\f" if i + 1 < len(pages) else b"")
                    for i, page in enumerate(pages))


def spaced(text):
    """ASCII digits set apart from CJK as pdftotext prints them (LibreOffice sets the digits in a
    Latin font): 西工区2023年 → 西工区 2023 年."""
    return re.sub(r"(?<=[^\x00-\x7f])(?=[0-9])|(?<=[0-9])(?=[^\x00-\x7f])", " ", text)


def footer_text(form, n, m):
    return form.replace("N", str(n)).replace("M", str(m))


def with_furniture(data, mode, form, head=None, head_first=True):
    """Page furniture in pdftotext's output of mode (raw, layout or default): a footer of the
    given form (-N-, 第 N 页 共 M 页, …) at the end of each page and, if head, a running head at
    the top of each page (from page 2 unless head_first), spaced and placed as pdftotext prints
    them: raw puts them on lines of their own, the default mode a blank line between them and the
    body, layout centres them with blank lines below a head and above a footer."""
    pieces = data.decode("utf-8").split("\f")
    pages, tail = pieces[:-1], pieces[-1]
    out = []
    for i, page in enumerate(pages):
        width = max([len(line) for line in page.split("\n")] + [40])

        def centred(text):
            return " " * max(0, (width - len(text)) // 2) + text

        if head and (head_first or i > 0):
            top = spaced(head)
            page = (centred(top) + "\n\n\n" if mode == "layout" else top + "\n") + page
        if form:
            foot = footer_text(form, i + 1, len(pages))
            body = page.rstrip("\n")
            page = {"raw": body + "\n" + foot + "\n",
                    "default": body + "\n\n" + foot + "\n\n",
                    "layout": body + "\n\n\n\n" + centred(foot) + "\n"}[mode]
        out.append(page)
    return "\f".join(out + [tail]).encode("utf-8")
