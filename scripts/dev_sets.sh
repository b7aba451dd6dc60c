#!/usr/bin/env bash
# The news sets the scripts score by default: every data/dev/news-*.jsonl except the sealed
# holdouts (news-holdout3*, news-holdout11*), which are scored once, at the end of a round, by
# hand with `spanlight eval` (news-holdout4 to news-holdout10 were scored so: they are
# development sets now). SEALED=score also lists them.
# (data/dev/brown-holdout.jsonl, sealed too, is no news set and is not listed.)
cd "$(dirname "$0")/.."
for f in data/dev/news-*.jsonl; do
  case "$f" in
    *news-holdout3* | *news-holdout11*) [ "${SEALED:-}" = score ] && echo "$f" ;;
    *) echo "$f" ;;
  esac
done
