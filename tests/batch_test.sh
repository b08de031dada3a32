#!/usr/bin/env bash
# End-to-end tests of `xxgk batch`: every file accounted for, nothing merged, nothing lost, nothing
# hung. Each attack of issue #12 is a case here.
# usage: batch_test.sh path/to/xxgk tests/corpus/documents [docs/batch-record.schema.json checker]
set -u
xxgk=$1
docs=$2
tmp=$(mktemp -d)
cleanup() {
  umount "$tmp/full" 2>/dev/null
  chmod -R u+rwx "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
source "$(dirname "$0")/expect.sh"
good=$docs/004_12d7c137f1960f71.txt
# Sanitizer builds reserve terabytes of address space: a limit on virtual memory cannot apply.
sanitized=no
ldd "$xxgk" 2>/dev/null | grep -qE 'lib(a|ub)san' && sanitized=yes
printf 'abc\0def' >"$tmp/binary.txt"
truncate -s 200M "$tmp/huge.txt"  # sparse: refused by its size, never read

# Batch: every input accounted for, with a status; re-running updates in place.
mkdir -p "$tmp/batch/sub"
cp "$docs"/00*.txt "$tmp/batch/"
cp "$tmp/binary.txt" "$tmp/batch/sub/binary.txt"
echo "not a report" >"$tmp/batch/sub/notes.md"
expect "batch summary" 0 "7 files: 5 findings, 1 partial, 1 unreadable" -- "$xxgk" batch "$tmp/batch" -o "$tmp/out.sqlite"
rows_once=$(sqlite3 "$tmp/out.sqlite" "select (select count(*) from cells) || ' cells, ' || (select count(*) from findings) || ' findings'")
expect "batch again" 0 "7 files" -- "$xxgk" batch -j 1 "$tmp/batch" -o "$tmp/out.sqlite"
expect "batch no duplicates" 0 "7" -- sqlite3 "$tmp/out.sqlite" "select count(*) from reports"
expect "batch again replaces cells and findings" 0 "$rows_once" -- sqlite3 "$tmp/out.sqlite" \
  "select (select count(*) from cells) || ' cells, ' || (select count(*) from findings) || ' findings'"
sqlite3 "$tmp/other.sqlite" "create table reports (id integer primary key); create table cells (report_id, key)"
expect "batch refuses a database of another layout" 2 "written by another version of xxgk" -- \
  "$xxgk" batch "$tmp/batch" -o "$tmp/other.sqlite"
expect "batch leaves no orphan rows" 0 "0|0" -- sqlite3 "$tmp/out.sqlite" \
  "select (select count(*) from cell_values where report_id not in (select id from reports)), (select count(*) from findings where report_id not in (select id from reports))"
expect "batch sql" 0 "西工区人民政府办公室|2024|35" -- sqlite3 "$tmp/out.sqlite" \
  "select agency, year, value from cells join reports on reports.id = cells.report_id where key = 'table3.new_received.total' order by value desc limit 1"
expect "batch unreadable status" 0 "unreadable|1:4: binary file" -- sqlite3 "$tmp/out.sqlite" "select status, reason from reports where path like '%binary%'"
mkdir -p "$tmp/batch_huge" && cp "$good" "$tmp/huge.txt" "$tmp/batch_huge/"
expect "batch too large" 0 "2 files: 1 findings, 1 unreadable" -- "$xxgk" batch "$tmp/batch_huge" -o "$tmp/huge.sqlite"
expect "batch too large reason" 0 "unreadable|file too large: 200.0 MB" -- sqlite3 "$tmp/huge.sqlite" "select status, reason from reports where path like '%huge.txt'"
expect "batch csv" 0 "7 files" -- "$xxgk" batch "$tmp/batch" -o "$tmp/out.csv"
expect "batch csv row" 0 "004_12d7c137f1960f71.txt,findings" -- cat "$tmp/out.csv"
expect "batch csv rows" 0 "8" -- bash -c "wc -l <'$tmp/out.csv'"
"$xxgk" batch "$docs/101_pre2019.txt" -o "$tmp/pre2019.csv" >/dev/null 2>&1
expect "batch csv has the pre-2019 keys" 0 "pre2019.applications.received=23" -- bash -c \
  "awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = \$i } NR == 2 { for (i = 1; i <= NF; i++) if (h[i] ~ /^pre2019/) print h[i] \"=\" \$i }' '$tmp/pre2019.csv'"
expect "batch jsonl from a list" 0 "7 files" -- bash -c "find '$tmp/batch' -type f | '$xxgk' batch - -o '$tmp/out.jsonl'"
expect "batch jsonl lines" 0 "7" -- bash -c "wc -l <'$tmp/out.jsonl'"

# Cross-year checks: the same agency a year earlier, carrying 3 applications forward that the
# later report does not carry over (B1).
mkdir -p "$tmp/years"
cp "$docs/000_13d12efa626c6544.txt" "$tmp/years/2024.txt"
sed -e 's/西工区退役军人事务局 2024 年/西工区退役军人事务局 2023 年/' \
    -e 's/^四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0/四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t3/' \
    "$docs/000_13d12efa626c6544.txt" >"$tmp/years/2023.txt"
expect "cross-year B1" 0 "2024.txt:52:19: warning[B1] table3.carried_over.natural_person: 上年结转 is 0 but the 2023 report" -- "$xxgk" batch "$tmp/years" -o "$tmp/years.sqlite"
expect "cross-year in sqlite" 0 "B1|2" -- sqlite3 "$tmp/years.sqlite" "select rule, count(*) from findings where rule = 'B1'"
expect "cross-year in the warning counts" 0 "1" -- sqlite3 "$tmp/years.sqlite" \
  "select (select count(*) from findings where report_id = r.id) = r.errors + r.warnings from reports r where path like '%2024.txt'"

# A batch killed midway leaves a database that opens and holds the chunks it finished.
mkdir -p "$tmp/many"
for i in $(seq 1 700); do cp "$docs/004_12d7c137f1960f71.txt" "$tmp/many/$i.txt"; echo "$i" >>"$tmp/many/$i.txt"; done
"$xxgk" batch -j 1 "$tmp/many" -o "$tmp/killed.sqlite" 2>/dev/null &
batch_pid=$!
for _ in $(seq 1 600); do
  n=$(sqlite3 "$tmp/killed.sqlite" "select count(*) from reports" 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 256 ] && break
  sleep 0.1
done
kill -9 "$batch_pid" 2>/dev/null
wait "$batch_pid" 2>/dev/null
expect "killed batch opens" 0 "ok" -- sqlite3 "$tmp/killed.sqlite" "pragma integrity_check"
expect "killed batch keeps finished chunks" 0 "yes" -- sqlite3 "$tmp/killed.sqlite" "select case when count(*) >= 256 then 'yes' else 'no' end from reports"
expect "killed batch: the run says it did not finish" 0 "running|1" -- sqlite3 "$tmp/killed.sqlite" "select state, finished is null from runs"
"$xxgk" batch "$good" -o "$tmp/killed.sqlite" 2>/dev/null
expect "killed batch: the next run marks it" 0 "killed" -- sqlite3 "$tmp/killed.sqlite" "select state from runs where id = 1"
expect "killed batch: the next run builds the key index" 0 "cells_by_key" -- sqlite3 "$tmp/killed.sqlite" "select name from sqlite_master where type = 'index'"


# Identity: one row per file, keyed by path; identical files are not merged, and the SHA-256 finds
# them with SQL.
mkdir -p "$tmp/copies"
for i in 1 2 3; do cp "$good" "$tmp/copies/$i.txt"; done
: >"$tmp/copies/empty1.txt"
: >"$tmp/copies/empty2.txt"
expect "copies: every file has its row" 0 "5 files" -- "$xxgk" batch "$tmp/copies" -o "$tmp/copies.sqlite"
expect "copies: five rows, two contents" 0 "5|2" -- sqlite3 "$tmp/copies.sqlite" \
  "select count(*), count(distinct content_hash) from reports"
sha=$(sha256sum "$good" | cut -d' ' -f1)
expect "content hash is SHA-256" 0 "3" -- sqlite3 "$tmp/copies.sqlite" "select count(*) from reports where content_hash = '$sha'"
expect "copies: every copy has its cells" 0 "600" -- sqlite3 "$tmp/copies.sqlite" \
  "select count(*) from cells join reports on reports.id = report_id where content_hash = '$sha'"
# A forged page cannot take another file's row: rows are keyed by path, not by content.
sed 's/35/99/g' "$good" >"$tmp/copies/forged.txt"
"$xxgk" batch "$tmp/copies" -o "$tmp/copies.sqlite" 2>/dev/null
expect "forged page: the original rows stay" 0 "3|1" -- sqlite3 "$tmp/copies.sqlite" \
  "select (select count(*) from reports where content_hash = '$sha'), (select count(*) from reports where path like '%forged.txt')"

# Edits: a file edited between two runs has one row, with the new content.
echo "补充说明。" >>"$tmp/copies/2.txt"
"$xxgk" batch "$tmp/copies" -o "$tmp/copies.sqlite" 2>/dev/null
new_sha=$(sha256sum "$tmp/copies/2.txt" | cut -d' ' -f1)
expect "edit: one row with the new hash" 0 "1|$new_sha" -- sqlite3 "$tmp/copies.sqlite" \
  "select count(*), content_hash from reports where path like '%/2.txt'"
expect "edit: cells not doubled" 0 "200" -- sqlite3 "$tmp/copies.sqlite" \
  "select count(*) from cells join reports on reports.id = report_id where path like '%/2.txt'"
# A file that is gone from a folder the run reads loses its rows; files elsewhere keep theirs.
cp "$good" "$tmp/elsewhere.txt"
"$xxgk" batch "$tmp/elsewhere.txt" -o "$tmp/copies.sqlite" 2>/dev/null
rm "$tmp/copies/3.txt"
"$xxgk" batch "$tmp/copies" -o "$tmp/copies.sqlite" 2>/dev/null
expect "gone: its row is removed" 0 "0" -- sqlite3 "$tmp/copies.sqlite" "select count(*) from reports where path like '%/3.txt'"
expect "gone: other inputs keep theirs" 0 "1" -- sqlite3 "$tmp/copies.sqlite" "select count(*) from reports where path like '%elsewhere.txt'"
expect "gone: no orphan cells" 0 "0" -- sqlite3 "$tmp/copies.sqlite" \
  "select count(*) from cell_values where report_id not in (select id from reports)"

# Runs: each run has a row; a finished one says so, with its counts.
expect "runs table" 0 "finished|5|5" -- sqlite3 "$tmp/copies.sqlite" \
  "select state, files, ok + findings + partial + unreadable + timeout from runs order by id desc limit 1"

# Per-entry isolation: a symlink loop, a broken link, a FIFO, a device and a name that is not UTF-8
# in a folder are rows with their reasons; nothing aborts and nothing waits.
mkdir -p "$tmp/odd/inner"
cp "$good" "$tmp/odd/report.txt"
cp "$good" "$(printf '%s/odd/\xb9\xe6\xd5\xc2.txt' "$tmp")"
ln -s loop "$tmp/odd/loop"
ln -s nowhere "$tmp/odd/broken"
ln -s /dev/zero "$tmp/odd/device"
ln -s "$tmp/odd" "$tmp/odd/inner/up"
mkfifo "$tmp/odd/fifo"
/usr/bin/python3 -c "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$tmp/odd/socket"
expect "odd entries: every one accounted for, no hang" 0 "8 files: 2 findings, 6 unreadable" -- \
  timeout 60 "$xxgk" batch "$tmp/odd" -o "$tmp/odd.sqlite"
expect "odd: loop" 0 "unreadable|symbolic link that cannot be followed: Too many levels of symbolic links" -- \
  sqlite3 "$tmp/odd.sqlite" "select status, reason from reports where path like '%/loop'"
expect "odd: fifo" 0 "unreadable|a FIFO, not a regular file" -- sqlite3 "$tmp/odd.sqlite" "select status, reason from reports where path like '%/fifo'"
expect "odd: socket" 0 "unreadable|a socket, not a regular file" -- sqlite3 "$tmp/odd.sqlite" "select status, reason from reports where path like '%/socket'"
expect "odd: device" 0 "unreadable|a character device, not a regular file" -- sqlite3 "$tmp/odd.sqlite" "select status, reason from reports where path like '%/device'"
expect "odd: link to a folder" 0 "symbolic link to a folder, not followed" -- sqlite3 "$tmp/odd.sqlite" "select reason from reports where path like '%/up'"
expect "odd: non-UTF-8 name kept with its bytes" 0 '\xb9\xe6\xd5\xc2.txt|B9E6D5C2|findings' -- sqlite3 "$tmp/odd.sqlite" \
  "select substr(path, length(path) - 19), hex(substr(path_bytes, length(path_bytes) - 7, 4)), status from reports where path_bytes is not null"
expect "odd: JSON Lines stays valid" 0 "8 records" -- bash -c "'$xxgk' batch '$tmp/odd' -o '$tmp/odd.jsonl' 2>/dev/null && /usr/bin/python3 -c '
import json, sys
records = [json.loads(line) for line in open(sys.argv[1], encoding=\"utf-8\")]
assert any(\"path_bytes\" in r for r in records)
print(len(records), \"records\")' '$tmp/odd.jsonl'"
expect "odd: CSV is UTF-8" 0 "" -- bash -c "'$xxgk' batch '$tmp/odd' -o '$tmp/odd.csv' 2>/dev/null && iconv -f UTF-8 -t UTF-8 '$tmp/odd.csv' >/dev/null"
expect "odd: a FIFO named in a list is read, not waited on (no writer: empty)" 0 "unreadable" -- bash -c "
  printf '%s\n' '$tmp/odd/report.txt' '$tmp/odd/fifo' | timeout 20 '$xxgk' batch - -o '$tmp/fifo.csv' &&
  grep fifo '$tmp/fifo.csv'"

# Two writers: the second is refused at once with a message; the first finishes every file.
mkdir -p "$tmp/two"
for i in $(seq 1 300); do cp "$good" "$tmp/two/$i.txt"; done
"$xxgk" batch -j 1 "$tmp/two" -o "$tmp/two.sqlite" 2>"$tmp/first.log" &
first=$!
for _ in $(seq 1 100); do [ -s "$tmp/two.sqlite" ] && break; sleep 0.05; done
expect "two writers: the second is refused" 2 "another xxgk batch is writing" -- "$xxgk" batch "$tmp/copies" -o "$tmp/two.sqlite"
wait "$first"
expect "two writers: the first finished" 0 "300 files: 300 findings" -- cat "$tmp/first.log"
expect "two writers: every file of the first" 0 "300" -- sqlite3 "$tmp/two.sqlite" "select count(*) from reports"

# Every write checked: a full disk ends the batch with exit 2 and a message naming the output; no
# partial file takes the output's name. Needs root to mount a small tmpfs.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$tmp/full" && mount -t tmpfs -o size=64k tmpfs "$tmp/full" 2>/dev/null; then
  for ext in csv jsonl xlsx; do
    expect "full disk: $ext" 2 "cannot write $tmp/full/out.$ext: No space left on device" -- \
      "$xxgk" batch "$tmp/two" -o "$tmp/full/out.$ext"
    expect "full disk: no $ext output, no temporary" 0 "0" -- bash -c "ls -A '$tmp/full' | wc -l"
  done
  expect "full disk: sqlite" 2 "cannot write $tmp/full/out.sqlite: " -- "$xxgk" batch "$tmp/two" -o "$tmp/full/out.sqlite"
  umount "$tmp/full"
else
  echo "skipped: full-disk tests (need root to mount a tmpfs)"
fi

# An output that is an input, or lies inside an input folder, is refused before any work.
cp "$good" "$tmp/in.csv"
expect "output = input" 2 "is also an input" -- "$xxgk" batch "$tmp/in.csv" -o "$tmp/in.csv"
expect "output = input: input untouched" 0 "" -- cmp "$good" "$tmp/in.csv"
expect "output inside the input folder" 2 "lies inside the input folder" -- "$xxgk" batch "$tmp/copies" -o "$tmp/copies/out.sqlite"
expect "output inside: nothing written" 1 "" -- test -e "$tmp/copies/out.sqlite"

# Limits: out of memory in one file is that file's status; the others are read. A thread that
# cannot be started means fewer workers, not a hang.
if [ "$sanitized" = no ]; then
  mkdir -p "$tmp/oom"
  cp "$good" "$tmp/oom/a.txt"
  # Table 三 repeated 8,192 times (14 MB): about 700 MB to parse, more than the limit below.
  sed -n '/^三、/,/^四、/p' "$good" >"$tmp/oom/b.txt"
  for _ in $(seq 1 13); do cat "$tmp/oom/b.txt" "$tmp/oom/b.txt" >"$tmp/oom/b2.txt" && mv "$tmp/oom/b2.txt" "$tmp/oom/b.txt"; done
  expect "out of memory: a status, not an abort" 0 "2 files: 1 findings, 1 unreadable" -- \
    bash -c "ulimit -v 300000; '$xxgk' batch -j 1 '$tmp/oom' -o '$tmp/oom.csv'"
  expect "out of memory: the reason" 0 "out of memory" -- cat "$tmp/oom.csv"
  # (76 MB: enough to load the libraries, poppler's among them, not enough for the worker threads.
  # The margin is the binary's own size: 74 MB stopped loading it once the dev build's text passed
  # 8.7 MB, with table 三's column reading.)
  expect "no thread to be had" 0 "5 files" -- bash -c "ulimit -v 76000; timeout 60 '$xxgk' batch -j 4 '$tmp/copies' -o '$tmp/threads.csv'"
else
  echo "skipped: memory-limit tests (sanitizer build)"
fi
expect "timeout: a status" 0 "1 files: 1 timeout" -- "$xxgk" batch --timeout 0.000001 "$good" -o "$tmp/timeout.csv"
expect "timeout: the reason" 0 "timeout,time limit" -- cat "$tmp/timeout.csv"

# Spreadsheets: CSV quotes a CR in a name; --long carries the report's columns and a row for a
# file without cells; .xlsx opens as a workbook with the reports in it.
mkdir -p "$tmp/names"
cp "$good" "$tmp/names/$(printf 'a\rb.txt')"
cp "$tmp/binary.txt" "$tmp/names/binary.txt"
"$xxgk" batch "$tmp/names" -o "$tmp/names.csv" 2>/dev/null
expect "csv: a CR in a name stays in its row" 0 "2 rows" -- /usr/bin/python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
print(len(rows) - 1, 'rows')" "$tmp/names.csv"
"$xxgk" batch --long "$tmp/names" -o "$tmp/long.csv" 2>/dev/null
expect "csv --long: report columns" 0 'findings,"0 errors, 2 warnings",西工区人民政府办公室,2024,2021' -- cat "$tmp/long.csv"
expect "csv --long: a file without cells has its row" 0 "binary.txt,unreadable" -- cat "$tmp/long.csv"
expect "xlsx" 0 "7 files" -- "$xxgk" batch "$tmp/batch" -o "$tmp/out.xlsx"
expect "xlsx: a workbook holding the reports" 0 "004_12d7c137f1960f71.txt" -- /usr/bin/python3 -c "
import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode())" "$tmp/out.xlsx"

# A mixed folder: web pages, Word and PDF files are read (kinds html, docx, pdf); a Word file cut
# short, a cut-off PDF and a scan without text are rows with their kind and why they are unreadable.
mkdir -p "$tmp/mixed"
cp "$docs"/20*.html "$docs"/22*.docx "$good" "$tmp/mixed/"
printf '%%PDF-1.7\n' >"$tmp/mixed/report.pdf"
head -c 6000 "$docs/220_generated_docx_injected_a6.docx" >"$tmp/mixed/cut.docx"
cp "$docs/212_generated_pdf_narrow_labels.pdf" "$docs/../../unit/data/pdf/scan.pdf" "$tmp/mixed/"
expect "batch of web pages, Word and PDF files" 0 "13 files: 2 ok, 7 findings, 1 partial, 3 unreadable" -- "$xxgk" batch "$tmp/mixed" -o "$tmp/mixed.sqlite"
expect "batch: a Word file cut short is unreadable, with the reason" 0 "docx|unreadable|1:1: a damaged Word file (DOCX): not readable as a zip archive" -- \
  sqlite3 "$tmp/mixed.sqlite" "select kind, status, reason from reports where path like '%cut.docx'"
expect "batch records each file's kind" 0 "docx 5 files 800 cells, html 4 files 797 cells, pdf 3 files 200 cells, text 1 files 200 cells" -- \
  sqlite3 "$tmp/mixed.sqlite" "select group_concat(kind || ' ' || files || ' files ' || cells || ' cells', ', ') from
    (select kind, count(distinct reports.id) as files, count(cell_values.key_id) as cells from reports
     left join cell_values on cell_values.report_id = reports.id group by kind order by kind)"
expect "batch: a scan is unreadable, and why" 0 "unreadable|1:1: no text layer (a scanned PDF?)" -- \
  sqlite3 "$tmp/mixed.sqlite" "select status || '|' || reason from reports where path like '%scan.pdf'"

echo "batch: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
