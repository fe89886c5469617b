#!/usr/bin/env bash
# A pre-send hook: the helpdesk pipes the agent's draft in and sends it only when this exits 0.
#   exit 0  send: the draft is clean (and is echoed back on stdout)
#   exit 1  block: the problems and better phrasings are on stderr for the agent
#   exit 2  the check itself failed (bad input or setup): this hook fails closed and blocks too
# Set PHRASELINT_LANG (en, ru, fi, ...) to skip language detection.
set -u
draft=$(cat)
printf '%s' "$draft" | phraselint check ${PHRASELINT_LANG:+--lang "$PHRASELINT_LANG"} - >&2
status=$?
case $status in
    0) printf '%s\n' "$draft" ;;
    1) echo "pre-send: not sent; please rephrase the flagged parts." >&2 ;;
    *) echo "pre-send: the check failed (status $status); not sent." >&2 ;;
esac
exit "$status"
