#!/usr/bin/env python3
"""Review pages, opened in a real browser (headless Debian chromium) and checked in its DOM.

usage: review_test.py XXGK DOCUMENTS_DIR

- the five seeds: every finding `xxgk check --format=json` prints is on the page with its rule id,
  and its badge stands on the element of its key (a cell is a td of the table); every cell
  `xxgk batch` records stands in its place with its value as written;
- selecting a finding (by the page's address, #f1) fills the panel: the page's script ran;
- the index links every page, its script ran (the filter's count);
- a report whose text holds <script> and & shows them as text and runs none of it;
- the corpus documents through `xxgk batch --review`: every finding and cell placed (static pages,
  the same HTML the browser shows);
- nothing a page refers to leaves the machine: no attribute that fetches (src, href, action, …)
  and no CSS url() or @import names anything but the page's own anchors and the review's files,
  and the page's policy forbids every fetch.
Exits 77 (skipped) when chromium is not installed; tools/dev test installs it.
"""
import glob
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

XXGK, DOCS = sys.argv[1], sys.argv[2]
failures = []


def fail(message):
    failures.append(message)


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


VOID = {"meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}


class Tree(html.parser.HTMLParser):
    """The DOM as the browser serialised it (or as xxgk wrote it), with each element's text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.at = self.root
        self.styles = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        e = Element(tag, attrs, self.at)
        self.at.children.append(e)
        if tag not in VOID:
            self.at = e

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Element(tag, attrs, self.at))

    def handle_endtag(self, tag):
        e = self.at
        while e is not self.root and e.tag != tag:
            e = e.parent
        if e is not self.root:
            self.at = e.parent

    def handle_data(self, data):
        # text goes to a child of its own so that all_text keeps document order
        t = Element("#text", [], self.at)
        t.text = data
        self.at.children.append(t)
        if self.at.tag == "style":
            self.styles.append(data)


FETCHING = {"src", "href", "action", "formaction", "poster", "srcset", "data", "xlink:href", "background", "ping",
            "manifest", "cite", "longdesc", "codebase", "archive", "icon"}


def check_nothing_remote(tree, name, folder):
    policy = [e for e in tree.root.walk() if e.tag == "meta" and e.attrs.get("http-equiv") == "Content-Security-Policy"]
    if not policy or not policy[0].attrs.get("content", "").startswith("default-src 'none'"):
        fail(f"{name}: no policy forbidding every fetch")
    for e in tree.root.walk():
        for attr, value in e.attrs.items():
            value = value or ""
            if attr in FETCHING and not (value.startswith("#") or (value and not re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)", value)
                                                                    and os.path.exists(os.path.join(folder, value)))):
                fail(f"{name}: <{e.tag} {attr}={value!r}> refers to something outside the review")
            if attr == "style" and re.search(r"url\(|@import", value):
                fail(f"{name}: <{e.tag} style> fetches: {value!r}")
        if e.tag in ("iframe", "object", "embed", "link", "base", "img", "video", "audio", "source"):
            fail(f"{name}: a <{e.tag}> element")
    for css in tree.styles:
        if re.search(r"url\(|@import|@font-face", css):
            fail(f"{name}: the style sheet fetches or loads fonts")


def badges_by_key(tree):
    """key -> [(element, {finding id: rule text})] for every element that shows a key."""
    out = {}
    for e in tree.root.walk():
        key = e.attrs.get("data-key")
        if key is None or (e.tag == "li" and "finding" in e.attrs.get("class", "")):
            continue
        badges = {b.attrs["data-finding"]: b.all_text() for b in e.walk()
                  if "badge" in (b.attrs.get("class") or "").split() and "data-finding" in b.attrs}
        out.setdefault(key, []).append((e, badges))
    return out


def check_page(tree, name, findings, cells):
    """Every finding in the list and on its key's element; every cell in its place."""
    items = [e for e in tree.root.walk() if e.tag == "li" and "finding" in (e.attrs.get("class") or "").split()
             and e.attrs.get("id", "").startswith("f")]
    if len(items) != len(findings):
        fail(f"{name}: {len(items)} findings listed, {len(findings)} expected")
    placed = badges_by_key(tree)
    columns = {k.rsplit(".", 1)[1] for k in cells}
    for f, li in zip(findings, items):
        key = f["key"] or ""
        what = f"{name}: {f['rule']} {key}"
        if li.attrs.get("data-rule") != f["rule"] or li.attrs.get("data-key") != key:
            fail(f"{what}: listed as {li.attrs.get('data-rule')} {li.attrs.get('data-key')}")
        if f["message"] not in li.all_text():
            fail(f"{what}: the list does not give its message")
        if not key:
            continue
        on = [(e, b) for e, b in placed.get(key, []) if b.get(li.attrs["id"]) == f["rule"]]
        if not on:
            fail(f"{what}: no element of its key carries its badge")
            continue
        # A cell's key ends in a column the report's cells have; a row's (table3.other.no_correction,
        # a missing row) does not, though it has as many dots.
        cell_key = key.startswith(("table2.", "table3.", "table4.", "pre2019.")) and key.count(".") >= 2 \
            and not key.endswith(".header") and (key in cells or key.rsplit(".", 1)[1] in columns)
        if cell_key and not any(e.tag == "td" for e, _ in on):
            fail(f"{what}: its badge is not on a table cell")
    for key, raw in cells.items():
        tds = [e for e, _ in placed.get(key, []) if e.tag == "td"]
        if not tds:
            fail(f"{name}: cell {key} is not drawn")
            continue
        shown = "".join(c.all_text() for c in tds[0].walk() if "raw" in (c.attrs.get("class") or "").split())
        if shown != raw:
            fail(f"{name}: cell {key} shows {shown!r}, the document {raw!r}")


# One browser run for every page: a harness page (allowed to read files beside it) opens each page in
# a frame and, once it has loaded and its script has run, copies its DOM into a textarea of its own;
# on the pages it also presses Enter on a marked cell, clicks a finding and sorts the index, and
# copies what that did. The harness's DOM is what chromium prints.
HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script>
function keep(id, text) {
  var t = document.createElement('textarea'); t.id = id; t.textContent = text; document.body.appendChild(t);
}
function grab(frame) {
  var d = frame.contentDocument;
  keep('dom-' + frame.id, d.documentElement.outerHTML);
  var cell = d.querySelector('td.v[data-findings]');
  if (cell) {
    cell.focus();
    cell.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
    keep('enter-' + frame.id, cell.dataset.findings + '\\n' + d.getElementById('detail-body').textContent);
  }
  var li = d.querySelector('#findings li.finding[data-key^="table"]');
  if (li) {
    li.click();
    var on = d.querySelector('.selected[data-key="' + li.dataset.key + '"]:not(li)');
    keep('click-' + frame.id, li.id + ' ' + (on ? on.tagName + ' ' + on.dataset.key : 'nothing selected'));
  }
  var sort = d.querySelectorAll('#files th button');
  if (sort.length) {
    sort[6].click(); sort[6].click();  // errors, descending
    keep('sorted-' + frame.id, Array.prototype.map.call(d.querySelectorAll('#files tbody tr'),
      function (tr) { return tr.cells[6].textContent; }).join(' '));
  }
}
</script>
"""


def browser_doms(pages, tmp):
    """{name: {'dom': …, 'enter': …, 'click': …, 'sorted': …}} for {name: file URL relative to tmp}."""
    harness = os.path.join(tmp, "harness.html")
    with open(harness, "w", encoding="utf-8") as f:
        f.write(HARNESS)
        for n, url in enumerate(pages.values()):
            f.write(f'<iframe id="p{n}" src="{url}" onload="grab(this)"></iframe>\n')
        f.write("</body></html>")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--allow-file-access-from-files", f"--user-data-dir={os.path.join(tmp, 'profile')}", "--dump-dom",
         "file://" + harness],
        capture_output=True, text=True, timeout=120, env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"})
    tree = Tree(result.stdout)
    kept = {e.attrs.get("id"): e.all_text() for e in tree.root.walk() if e.tag == "textarea"}
    out = {}
    for n, name in enumerate(pages):
        if f"dom-p{n}" not in kept:
            fail(f"chromium did not open {name}: {result.stderr[-300:]}")
        out[name] = {what: kept.get(f"{what}-p{n}", "") for what in ("dom", "enter", "click", "sorted")}
    return out


def run(*args, **kw):
    return subprocess.run([XXGK, *args], capture_output=True, text=True, **kw)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    print("SKIP: chromium is not installed (tools/dev test installs it: apt-get install chromium)")
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="xxgk-review-")
try:
    seeds = sorted(glob.glob(os.path.join(DOCS, "00[0-4]_*.txt")))
    assert len(seeds) == 5, seeds
    # A report whose text holds markup and ampersands (after its title: a file that starts with markup
    # is read as a web page).
    hostile = os.path.join(tmp, "hostile.txt")
    with open(seeds[4], encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines.insert(3, "<script>document.title='injected'</script>Tom & Jerry 区 <b>政府</b>")
    lines = [l + " <img src=http://example.com/x.png> & <script>window.x=1</script>" if l.startswith("(二)") else l
             for l in lines]
    with open(hostile, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))

    pages = os.path.join(tmp, "seeds")
    r = run("review", *seeds, hostile, "-o", pages)
    if r.returncode != 0:
        fail(f"xxgk review exited {r.returncode}: {r.stderr}")
    records = os.path.join(tmp, "seeds.jsonl")
    run("batch", *seeds, "-o", records)
    cells_of, findings_of = {}, {}
    with open(records, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            findings_of[rec["path"]] = rec["findings"]  # as `xxgk check --format=json` prints them
            cells_of[rec["path"]] = {c["key"]: c["raw"] for t in (rec["report"] or {}).get("tables", {}).values() if t
                                     for row in t["rows"] for c in row["cells"]}

    index = Tree(open(os.path.join(pages, "index.html"), encoding="utf-8").read())
    links = [e.attrs["href"] for e in index.root.walk() if e.tag == "a" and "page-link" in e.attrs.get("class", "")]
    if len(links) != 6:
        fail(f"the index links {len(links)} pages, not 6")
    page_of = {}
    for e in index.root.walk():
        if e.tag == "a" and "page-link" in e.attrs.get("class", ""):
            page_of[e.all_text()] = e.attrs["href"]

    # The browser: every seed's page, one with a finding selected by its address, the index, the
    # hostile report.
    urls = {os.path.basename(s): "seeds/" + page_of.get(s, "missing") for s in seeds}
    urls["#f1"] = urls[os.path.basename(seeds[2])] + "#f1"
    urls["index"] = "seeds/index.html"
    urls["hostile"] = "seeds/" + page_of.get(hostile, "missing")
    browser = browser_doms(urls, tmp)
    doms = {name: got["dom"] for name, got in browser.items()}
    for seed in seeds:
        name = os.path.basename(seed)
        findings = findings_of[seed]
        tree = Tree(doms[name])
        check_page(tree, name, findings, cells_of[seed])
        check_nothing_remote(tree, name, pages)
        # The sentences B4 and Y1 refer to are marked in the prose.
        for n, f in enumerate(findings, 1):
            if f["rule"] in ("B4", "Y1"):
                marks = [e for e in tree.root.walk() if e.tag == "mark" and f"f{n}" in e.attrs.get("data-findings", "").split()]
                if not marks:
                    fail(f"{name}: the sentence of finding {n} ({f['rule']}) is not marked")
    selected = Tree(doms["#f1"])
    panel = [e for e in selected.root.walk() if e.attrs.get("id") == "detail-body"]
    first = findings_of[seeds[2]][0]
    if not panel or first["message"] not in panel[0].all_text() or first["rule"] not in panel[0].all_text():
        fail("selecting #f1 did not show the finding in the panel (did the script run?)")
    index_dom = Tree(doms["index"])
    check_nothing_remote(index_dom, "index", pages)
    if "6 of 6 files shown" not in index_dom.root.all_text():
        fail("the index's script did not run (no count of the files shown)")
    hostile_dom = Tree(doms["hostile"])
    scripts = [e for e in hostile_dom.root.walk() if e.tag in ("script", "img", "b")]
    if len(scripts) != 1 or scripts[0].tag != "script":
        fail(f"the hostile report's markup became elements: {[e.tag for e in scripts]}")
    text = hostile_dom.root.all_text()
    if "<script>window.x=1</script>" not in text or "Tom & Jerry" not in text:
        fail("the hostile report's text is not shown as written")
    if "injected" in "".join(e.all_text() for e in hostile_dom.root.walk() if e.tag == "title"):
        fail("the hostile report's script ran")
    check_nothing_remote(hostile_dom, "hostile", pages)
    # Keyboard and mouse, in the browser: Enter on a marked cell shows its findings; a click on a
    # finding selects its cell; the index sorts by errors.
    for seed in seeds[2:3]:
        got = browser[os.path.basename(seed)]
        first_id = got["enter"].split("\n")[0].split(" ")[0]
        findings = findings_of[seed]
        pointed = findings[int(first_id[1:]) - 1] if first_id[1:].isdigit() else None
        if not pointed or pointed["message"] not in got["enter"]:
            fail(f"Enter on a marked cell of {seed} did not show its finding: {got['enter'][:200]!r}")
        if not re.match(r"f\d+ TD table", got["click"]):
            fail(f"a click on a finding of {seed} did not select its cell: {got['click']!r}")
    errors = [int(n) for n in browser["index"]["sorted"].split()]
    if len(errors) != 6 or errors != sorted(errors, reverse=True):
        fail(f"the index did not sort by errors: {browser['index']['sorted']!r}")

    # The corpus documents through a batch: the same pages, read as written.
    corpus = os.path.join(tmp, "corpus")
    r = run("batch", "-j", "2", DOCS, "-o", os.path.join(tmp, "corpus.jsonl"), "--review", corpus)
    if r.returncode != 0:
        fail(f"xxgk batch --review exited {r.returncode}: {r.stderr}")
    with open(os.path.join(tmp, "corpus.jsonl"), encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    index = Tree(open(os.path.join(corpus, "index.html"), encoding="utf-8").read())
    check_nothing_remote(index, "corpus index", corpus)
    page_of = {e.all_text(): e.attrs["href"] for e in index.root.walk()
               if e.tag == "a" and "page-link" in e.attrs.get("class", "")}
    if len(page_of) != len(records):
        fail(f"the corpus index links {len(page_of)} pages for {len(records)} files")
    for rec in records:
        page = page_of.get(rec["path"])
        if page is None or not os.path.exists(os.path.join(corpus, page)):
            fail(f"{rec['path']}: no page")
            continue
        tree = Tree(open(os.path.join(corpus, page), encoding="utf-8").read())
        cells = {c["key"]: c["raw"] for t in (rec["report"] or {}).get("tables", {}).values() if t
                 for row in t["rows"] for c in row["cells"]}
        check_page(tree, os.path.basename(rec["path"]), rec["findings"], cells)
        check_nothing_remote(tree, os.path.basename(rec["path"]), corpus)
    checked = len(records)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

for message in failures:
    print("FAIL:", message)
if failures:
    sys.exit(1)
print(f"review pages: 5 seeds and a hostile report in chromium, {checked} corpus documents, all findings placed")
