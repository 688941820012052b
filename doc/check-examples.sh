#! /bin/sh
# check-examples.sh -- compile every marked example of the manual with
# the plugin and check the verdict the manual claims for it.
#
# usage: check-examples.sh TEXI PLUGIN [CC]
#
# In the manual, an example that is a complete translation unit is
# marked by a comment line right before its @example:
#
#   @c example: EXPECT [COMPILER FLAG]...
#
# EXPECT is one of
#   accept            every asm statement is accepted, no notes
#   reject:CODE       rejected, CODE the first reason
#   note:CODE         accepted with the note CODE
#   unchecked:CODE    not checked, CODE the reason (-m32, top-level asm)
#   repaired          rejected, then repaired (needs the FLAG
#                     -fplugin-arg-safeasm-mode=repair): accepted with
#                     the action "repaired"
#
# The example is compiled with -S in mode=warn (so nothing is replaced;
# FLAGs come after it and may choose another mode) with a report, and
# the report must hold exactly one record (one asm statement per
# example) with that verdict and code.
set -u

texi=${1:?usage: check-examples.sh TEXI PLUGIN [CC]}
plugin=${2:?usage: check-examples.sh TEXI PLUGIN [CC]}
cc=${3:-${CC:-gcc}}

tmp=${TMPDIR:-/tmp}/safeasm-doc-examples.$$
mkdir "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# Split the marked examples into $tmp/N.c, with $tmp/N.expect holding
# "EXPECT FLAGS..." and $tmp/N.line the line of the marker.
awk -v dir="$tmp" '
  /^@c example:/ {
    n++
    sub(/^@c example:[ \t]*/, "")
    print > (dir "/" n ".expect"); close(dir "/" n ".expect")
    print NR > (dir "/" n ".line"); close(dir "/" n ".line")
    want = 1
    next
  }
  want && /^@example/ { inex = 1; want = 0; next }
  inex && /^@end example/ { inex = 0; close(dir "/" n ".c"); after = 1; next }
  after && /^@verbatim/ { inverb = 1; after = 0; next }
  inverb {
    if ($0 ~ /^warning: safeasm/) { print > (dir "/" n ".msg"); close(dir "/" n ".msg") }
    inverb = 0
    next
  }
  after && !/^[ \t]*$/ { after = 0 }
  inex {
    line = $0
    gsub(/@\{/, "\001", line); gsub(/@\}/, "\002", line); gsub(/@@/, "\003", line)
    gsub(/\001/, "{", line); gsub(/\002/, "}", line); gsub(/\003/, "@", line)
    print line > (dir "/" n ".c")
  }
' "$texi"

pass=0
fail=0
for e in "$tmp"/*.expect; do
  [ -e "$e" ] || continue
  n=${e%.expect}
  n=${n##*/}
  line=$(cat "$tmp/$n.line")
  set -- $(cat "$e")
  expect=$1
  shift
  rm -f "$tmp/r.jsonl"
  if ! "$cc" -S -O2 -o /dev/null -fplugin="$plugin" \
       -fplugin-arg-safeasm-mode=warn \
       -fplugin-arg-safeasm-report="$tmp/r.jsonl" "$@" "$tmp/$n.c" \
       >"$tmp/out" 2>&1; then
    echo "FAIL: $texi:$line: the example does not compile:"
    sed 's/^/  /' "$tmp/out"
    fail=$((fail + 1))
    continue
  fi
  records=$(wc -l < "$tmp/r.jsonl" 2>/dev/null || echo 0)
  rec=$(cat "$tmp/r.jsonl" 2>/dev/null)
  verdict=$(printf '%s\n' "$rec" | sed -n 's/.*"verdict":"\([a-z]*\)".*/\1/p')
  reason=$(printf '%s\n' "$rec" | sed -n 's/.*"reasons":\[{"code":"\([a-z0-9-]*\)".*/\1/p')
  note=$(printf '%s\n' "$rec" | sed -n 's/.*"notes":\[{"code":"\([a-z0-9-]*\)".*/\1/p')
  action=$(printf '%s\n' "$rec" | sed -n 's/.*"action":"\([a-z]*\)".*/\1/p')
  case $expect in
    repaired)
      got="$verdict:$action"
      [ "$got" = accept:repaired ] && got=repaired ;;
    accept)
      got=$verdict
      [ "$verdict" = accept ] || got="$verdict:$reason"
      [ -n "$note" ] && got="$got+note:$note" ;;
    note:*) got="note:$note"; [ "$verdict" = accept ] || got="$verdict:$reason" ;;
    *) got="$verdict:$reason" ;;
  esac
  if [ "$records" -ne 1 ]; then
    got="$records records"
  fi
  if [ "$got" = "$expect" ] && [ -e "$tmp/$n.msg" ] \
     && ! grep -F -q -e ": $(cat "$tmp/$n.msg")" "$tmp/out"; then
    got="$got, but not the warning the manual shows: $(cat "$tmp/$n.msg")"
  fi
  if [ "$got" = "$expect" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL: $texi:$line: expected $expect, got $got"
    sed 's/^/  /' "$tmp/out"
    fail=$((fail + 1))
  fi
done
echo "manual examples: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
