# The test helper shared by the shell tests: counts passes and failures.
# shellcheck shell=bash
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

