#!/usr/bin/env bash
# End-to-end tests of the xxgk command line: output, exit codes and messages for bad input.
# usage: cli_test.sh path/to/xxgk tests/corpus/documents
set -u
xxgk=$1
docs=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# expect NAME EXPECTED_STATUS PATTERN -- COMMAND...: the command exits with the status and its
# output (stdout and stderr) contains the fixed string PATTERN.
expect() {
  local name=$1 status=$2 pattern=$3
  shift 4
  local out actual
  out=$("$@" 2>&1)
  actual=$?
  if [ "$actual" -eq "$status" ] && grep -qF -- "$pattern" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $actual (want $status), looking for: $pattern"
    head -20 <<<"$out"
  fi
}

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

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
