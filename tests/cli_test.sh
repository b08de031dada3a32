#!/usr/bin/env bash
# End-to-end tests of the xxgk command line: output, exit codes and messages for bad input.
# usage: cli_test.sh path/to/xxgk tests/corpus/documents
set -u
xxgk=$1
docs=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source "$(dirname "$0")/expect.sh"

good=$docs/004_12d7c137f1960f71.txt
inconsistent=$docs/002_bf2c1b340b487aac.txt

expect "check warnings only" 0 "004_12d7c137f1960f71.txt:9:64: warning[B4] table3.total.total: the prose says applications handled: 30 but table3.total.total is 35" -- "$xxgk" check "$good"
expect "check summary" 0 "0 errors, 2 warnings" -- "$xxgk" check "$good"
expect "check errors exit 1" 1 "error[A1] table3.new_received.total" -- "$xxgk" check "$inconsistent"
expect "check json" 1 '"rule": "A1"' -- "$xxgk" check --format=json "$inconsistent"
expect "check several files" 1 "3 errors, 5 warnings" -- "$xxgk" check "$good" "$inconsistent"
expect "cells line format" 0 $'table3.new_received.total\t35\t41:32' -- "$xxgk" cells "$good"
expect "parse json" 0 '"schema_version": 1' -- "$xxgk" parse "$good"
expect "tree" 0 "(table3::table" -- "$xxgk" tree "$good"
expect "trace" 0 "xxgk::grammar::report" -- "$xxgk" tree --trace "$docs/003_e4e801f18e6c054e.txt"

# Standard input gives the same cells as the file.
"$xxgk" cells "$good" >"$tmp/file.cells"
"$xxgk" cells - <"$good" >"$tmp/stdin.cells"
expect "stdin" 0 "" -- cmp "$tmp/file.cells" "$tmp/stdin.cells"
expect "200 cells" 0 "200" -- bash -c "wc -l <'$tmp/file.cells'"

# Bad input: a clear message with a position and exit 2, never a crash.
printf 'abc\0def' >"$tmp/binary.txt"
expect "binary" 2 "binary.txt:1:4: error: binary file" -- "$xxgk" check "$tmp/binary.txt"
: >"$tmp/empty.txt"
expect "empty" 2 "empty.txt:1:1: error: empty file" -- "$xxgk" check "$tmp/empty.txt"
printf '一、总体情况\n\xb9\xe6\xd5\xc2\t0\n' >"$tmp/gbk.txt"
expect "invalid utf-8" 2 "gbk.txt:2:1: error: invalid UTF-8" -- "$xxgk" check "$tmp/gbk.txt"
expect "lossy" 1 "gbk.txt:2:1: warning[X3] source: 4 bytes that are not UTF-8 were replaced" -- "$xxgk" check --lossy "$tmp/gbk.txt"
expect "missing file" 2 "no-such-file.txt:1:1: error: cannot open" -- "$xxgk" cells "$tmp/no-such-file.txt"
truncate -s 200M "$tmp/huge.txt"  # sparse: refused by its size, never read
expect "file too large" 2 "huge.txt:1:1: error: file too large: 200.0 MB; xxgk reads reports of up to 16.0 MB" -- "$xxgk" check "$tmp/huge.txt"
expect "--max-size" 2 "error: file too large" -- "$xxgk" cells --max-size 0.001 "$good"
expect "stdin too large" 2 "<stdin>:1:1: error: input too large: more than 0.0 MB" -- bash -c "'$xxgk' cells --max-size 0.00001 - <'$good'"
expect "one bad file does not hide the others" 2 "0 errors, 2 warnings" -- "$xxgk" check "$tmp/empty.txt" "$good"
expect "unknown subcommand" 2 "" -- "$xxgk" frobnicate "$good"

# A report cut off in the middle of table 三: an error naming what is missing; tables before stay.
head -n 55 "$good" >"$tmp/cut.txt"
expect "cut off" 1 "error[F6] table3.not_processed.petition: the table of 三 lacks 10 of its 25 rows" -- "$xxgk" check "$tmp/cut.txt"
expect "cut off keeps table 二" 0 $'table2.normative_documents.repealed\t5\t22:11' -- "$xxgk" cells "$tmp/cut.txt"
expect "cut off keeps rows read" 0 $'table3.denied.process_info.total\t4\t50:28' -- "$xxgk" cells "$tmp/cut.txt"

# Files that never end or are not files: read up to the size limit, then refused; never a hang.
expect "check /dev/zero is bounded" 2 "error: input too large: more than 0.1 MB" -- timeout 20 "$xxgk" check --max-size 0.1 /dev/zero
expect "check a pipe that never ends is bounded" 2 "error: input too large" -- timeout 20 bash -c "'$xxgk' check --max-size 0.1 <(yes)"
expect "a pipe is read when named" 0 "0 errors, 2 warnings" -- timeout 20 bash -c "'$xxgk' check <(cat '$good')"

# A file name that is not UTF-8 (GBK from an unzipped archive) is printed with \xNN escapes, and
# JSON stays valid.
gbk_name=$(printf '%s/\xb9\xe6\xd5\xc2.txt' "$tmp")
cp "$good" "$gbk_name"
expect "non-UTF-8 name in check" 0 '\xb9\xe6\xd5\xc2.txt:9:64: warning[B4]' -- "$xxgk" check "$gbk_name"
expect "non-UTF-8 name in check --format=json" 0 '\\xb9\\xe6\\xd5\\xc2.txt' -- "$xxgk" check --format=json "$gbk_name"
expect "non-UTF-8 name in parse" 0 "ok" -- bash -c "'$xxgk' parse '$gbk_name' | /usr/bin/python3 -c 'import json, sys; json.load(sys.stdin); print(\"ok\")'"

# A second table 四 is quoted in an F7 message: cut between characters, never inside one (JSON
# refused the half character).
printf '行政复议 行政诉讼\n结果维持 总计\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n行政复议 行政诉讼\n-12-\n结果维持 结果纠正 其他结果 尚未审结 总计\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n' >"$tmp/two_table4.txt"
expect "a second table 四 quoted whole characters" 0 '"schema_version": 1' -- "$xxgk" parse "$tmp/two_table4.txt"

# Saved web pages are read directly, recognised by their markup whatever their name; positions are
# lines and characters of the HTML, and a long line of it is quoted around the column.
page=$docs/200_pingtan_2023_shs.html
expect "html cells at their place in the page" 0 $'table2.normative_documents.issued\t2\t355:2517' -- "$xxgk" cells "$page"
expect "html check" 1 "200_pingtan_2023_shs.html:355:5236: error[F6] table2.regulations" -- "$xxgk" check "$page"
expect "html line quoted around the column" 1 '…"165" valign="middle" align="center"><p>行政事业性收费</p>' -- "$xxgk" check "$page"
"$xxgk" cells "$page" >"$tmp/page.cells"
cp "$page" "$tmp/page.txt"
"$xxgk" cells "$tmp/page.txt" >"$tmp/renamed.cells"
expect "html recognised by content, not by name" 0 "" -- cmp "$tmp/page.cells" "$tmp/renamed.cells"
# The same page in GB18030, declaring gb2312 as such pages do: the same cells at the same places.
sed 's/<meta charset="UTF-8" \/>/<meta http-equiv="Content-Type" content="text\/html; charset=gb2312">/' "$page" |
  iconv -f UTF-8 -t GB18030 >"$tmp/gbk.html"
"$xxgk" cells "$tmp/gbk.html" >"$tmp/gbk.cells"
expect "html in its declared gb2312" 0 "" -- cmp "$tmp/page.cells" "$tmp/gbk.cells"
printf '<!DOCTYPE html>\n<html><body><ul><li><a href="/">首页</a></li></ul><p>欢迎访问</p></body></html>\n' >"$tmp/chrome.html"
expect "html page without a report" 2 "chrome.html:1:1: error: no report in this web page" -- "$xxgk" cells "$tmp/chrome.html"
printf '<html><head><script>var a = 1;</script></head><body></body></html>' >"$tmp/script.html"
expect "html page without text" 2 "script.html:1:1: error: a web page with no text" -- "$xxgk" check "$tmp/script.html"
# Word files are read directly, recognised by their content whatever their name; a position is the
# line and column of the reader's text and the place in the document: a paragraph, or a table's row
# and cell.
word=$docs/220_generated_docx_injected_a6.docx
expect "docx cells at their place in the document" 0 $'table2.regulations.issued\t2\t19:4\ttable 1, row 3, cell 2' -- "$xxgk" cells "$word"
expect "docx check names the table, row and cell" 1 "220_generated_docx_injected_a6.docx: table 3, row 4, cell 10: error[A6] table4.litigation_direct.total" -- "$xxgk" check "$word"
expect "docx check quotes the reader's line" 1 "   66 | 0	0	0	0	0	0	0	2	0	5	0" -- "$xxgk" check "$word"
expect "docx check names a paragraph" 1 "220_generated_docx_injected_a6.docx: paragraph 19: warning[F2] section.review_litigation" -- "$xxgk" check "$word"
expect "docx json place" 0 '{"table": 3, "row": 4, "cell": 10}' -- bash -c "'$xxgk' check --format=json '$word' | /usr/bin/python3 -c 'import json, sys; print(json.dumps([f[\"place\"] for f in json.load(sys.stdin) if f[\"rule\"] == \"A6\"][0]))'"
"$xxgk" cells "$word" >"$tmp/word.cells"
cp "$word" "$tmp/word.txt"
"$xxgk" cells "$tmp/word.txt" >"$tmp/word-renamed.cells"
expect "docx recognised by content, not by name" 0 "" -- cmp "$tmp/word.cells" "$tmp/word-renamed.cells"
expect "docx numbering Word generates" 0 $'table3.denied.state_secret.total\t4014\t40:34\ttable 2, row 8, cell 9' -- "$xxgk" cells "$docs/221_generated_docx_word_numbering.docx"
/usr/bin/python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(path, body, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
docx(f"{tmp}/notice.docx", "<w:p><w:r><w:t>关于召开会议的通知</w:t></w:r></w:p>")
docx(f"{tmp}/bomb.docx", "<w:p><w:r><w:t>" + " " * (70 << 20) + "</w:t></w:r></w:p>")
with zipfile.ZipFile(f"{tmp}/laughs.docx", "w") as z:
    z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
               f'<w:document {ns}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
with zipfile.ZipFile(f"{tmp}/archive.zip", "w") as z:
    z.writestr("readme.txt", "word/document.xml is not in here")
PY
expect "docx without a report" 2 "notice.docx:1:1: error: no report in this Word file" -- "$xxgk" cells "$tmp/notice.docx"
expect "docx zip bomb" 2 "bomb.docx:1:1: error: a Word file (DOCX) whose word/document.xml inflates to" -- "$xxgk" check "$tmp/bomb.docx"
expect "docx entity expansion" 2 "laughs.docx:1:1: error: a Word file (DOCX) whose word/document.xml declares a document type" -- "$xxgk" check "$tmp/laughs.docx"
expect "zip naming word/document.xml without holding it" 2 "archive.zip:1:1: error: a zip archive without word/document.xml" -- "$xxgk" check "$tmp/archive.zip"
head -c 6000 "$word" >"$tmp/cut.docx"  # its central directory lost
expect "docx cut short" 2 "cut.docx:1:1: error: a damaged Word file (DOCX): not readable as a zip archive" -- "$xxgk" check "$tmp/cut.docx"

# Files xxgk does not read (yet): what to do instead, exit 2.
printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >"$tmp/report.pdf"
expect "a cut-off pdf refused" 2 "report.pdf:1:1: error: a PDF file cut off before its end (no %%EOF)" -- "$xxgk" cells "$tmp/report.pdf"
# PDF files with a text layer are read by geometry; findings name the page and the point on it.
pdf="$docs/213_generated_pdf_page_numbers.pdf"
expect "pdf read directly: a blank cell at its column" 0 "213_generated_pdf_page_numbers.pdf: page 3, x 423, y 306: warning[F5] table3.granted.other_org" -- "$xxgk" check "$pdf"
expect "pdf: the place in json" 0 '"page": 3,' -- "$xxgk" check --format json "$pdf"
expect "pdf cells" 0 "table3.total.total	" -- "$xxgk" cells "$pdf"
expect "a scanned pdf refused" 2 "scan.pdf:1:1: error: no text layer (a scanned PDF?)" -- "$xxgk" check "$docs/../../unit/data/pdf/scan.pdf"
expect "a locked pdf refused" 2 "locked.pdf:1:1: error: a PDF file locked with a password" -- "$xxgk" check "$docs/../../unit/data/pdf/locked.pdf"
printf '\320\317\021\340\241\261\032\341\000\000' >"$tmp/report.wps"
expect "doc and wps: how to convert" 2 "report.wps:1:1: error: a binary Word or WPS file (.doc, .wps): convert it first (soffice --headless --convert-to docx FILE)" -- "$xxgk" parse "$tmp/report.wps"

# Review pages: a folder of pages, never inside an input folder (the next run would read them).
expect "review writes pages" 0 "2 files: 2 findings" -- "$xxgk" review "$good" "$inconsistent" -o "$tmp/review"
expect "review: the index links both pages" 0 "2" -- bash -c "grep -o 'class=\"page-link\"' '$tmp/review/index.html' | wc -l"
mkdir -p "$tmp/in" && cp "$good" "$tmp/in/"
expect "review: no folder inside an input folder" 2 "lies inside the input folder" -- "$xxgk" review "$tmp/in" -o "$tmp/in/pages"
expect "review: a folder that cannot be made" 2 "xxgk: error: cannot write $tmp/review/index.html/x" -- "$xxgk" review "$good" -o "$tmp/review/index.html/x"
# Start-up (issue #17): a text file loads no module and none of the libraries of the other readers
# or of the batch (each costs every start); a PDF, a Word file and a page each load their module.
loaded() {  # the modules and such libraries a command loads, on one line
  LD_DEBUG=files "$@" 2>&1 >/dev/null |
    grep -oE '(xxgk_[a-z]+\.so|lib(poppler|zip|xml2|sqlite3|crypto|xlsxwriter|icui18n)[^ /]*\.so)' | sort -u | tr '\n' ' '
}
text_loads=$(loaded "$xxgk" check "$good")
expect "a text file loads no module and no reader's library" 0 "" -- test -z "$text_loads"
[ -z "$text_loads" ] || echo "  loaded: $text_loads"
expect "a PDF loads its module" 0 "xxgk_pdf.so" -- echo "$(loaded "$xxgk" cells "$docs/212_generated_pdf_narrow_labels.pdf")"
expect "a Word file loads its module" 0 "xxgk_docx.so" -- echo "$(loaded "$xxgk" cells "$docs/220_generated_docx_injected_a6.docx")"
expect "a web page loads its module" 0 "xxgk_html.so" -- echo "$(loaded "$xxgk" cells "$docs/200_pingtan_2023_shs.html")"
expect "a GB18030 file loads the detector" 0 "xxgk_detect.so" -- echo "$(loaded "$xxgk" cells "$docs/../encodings/000_gb18030.txt")"
expect "--version" 0 "xxgk 0." -- "$xxgk" --version
expect "--help lists the exit codes" 0 "Exit status:" -- "$xxgk" --help

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
