#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds (fuzz/README.md): this repository's own
# handbook and hostile fixtures, the `toml` examples of its guides, and, when
# `../shared` is there, the shared hostile inputs and other tools' records. Nothing
# under ../shared is copied into the repository: the corpus folder is ignored by git.
#
# Usage: fuzz/seed.sh   (from anywhere; run it again to add new seeds)
set -eu

fuzz=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz")
shared=$(dirname "$repo")/shared
corpus="$fuzz/corpus"
# Larger seeds would make libFuzzer mutate inputs that large, and slow every run;
# tests/adversarial.rs covers the large hostile inputs.
max_bytes=65536

# add TARGET FILE...: copies each file of at most max_bytes, named by its hash.
add() {
    target=$1
    shift
    mkdir -p "$corpus/$target"
    for f in "$@"; do
        [ -f "$f" ] || continue
        [ "$(wc -c <"$f")" -le "$max_bytes" ] || continue
        cp "$f" "$corpus/$target/$(sha1sum "$f" | cut -c1-16)"
    done
}

# inline TARGET TEXT: a seed written here.
inline() {
    mkdir -p "$corpus/$1"
    printf '%s' "$2" >"$corpus/$1/inline-$(printf '%s' "$2" | sha1sum | cut -c1-16)"
}

markdown_files() {
    find "$repo/docs" "$repo/tests/fixtures" -type f \( -name '*.md' -o -name '*.markdown' \)
    if [ -d "$shared" ]; then
        find "$shared/adversarial/cases" -type f
        find "$shared/corpora" -type f -name '*.md'
    fi
}

yaml_files() {
    find "$repo/docs" "$repo/tests/fixtures" -type f \( -name '*.yaml' -o -name '*.yml' \)
    if [ -d "$shared" ]; then
        find "$shared/corpora" -type f \( -name '*.yaml' -o -name '*.yml' \)
    fi
}

files=$(markdown_files | sort)
# shellcheck disable=SC2086 # one path a line, no spaces in these folders' names
for target in front_matter document markdown legacy; do
    add "$target" $files
done
# shellcheck disable=SC2086
add lists $(yaml_files | sort)
# shellcheck disable=SC2086
add front_matter $(yaml_files | sort)

inline lists '- id: alice
  name: Alice Ng
  timezone: Europe/Berlin
  hours: 09:00-17:00
  team: platform
  email: alice@example.com
- id: bob
  name: Bob Li
  timezone: America/New_York
  hours: "22:00-06:00"
'
inline lists '- name: Standup
  category: update
  cadence: daily
  duration: 15m
  attendees: [alice, bob]
  agenda: true
- name: Planning
  category: decision
  cadence: biweekly
  duration: 1h30m
  attendees:
    - alice
'

add config "$repo/docket.toml"
add forge_export "$repo"/tests/fixtures/forge/*.json
# Every ```toml block of the handbook's guides, one seed each.
tmp=$(mktemp -d)
n=0
for md in $(grep -rl '^```toml' "$repo/docs" | sort); do
    n=$((n + 1))
    awk -v out="$tmp/$n" '
        /^```toml/ { k++; inside = 1; next }
        /^```/ { inside = 0; next }
        inside { print > (out "-" k ".toml") }
    ' "$md"
done
add config "$tmp"/*.toml
rm -rf "$tmp"
inline config '[kinds.rfc]
path = "rfcs"
title = "RFCs"
id = "stem"
statuses.open = ["Draft", "Review"]
statuses.decided = ["Final"]
statuses.closed = ["Withdrawn"]
statuses.superseded = ["Replaced"]
fields.area = { type = "string", one_of = ["a", "b"] }
facets = ["area"]
'
inline config 'root = "."
exclude = ["**/draft-*.md", "./x/**", "[", "{a,b"]
[kinds.decision]
path = ["docs/adr", "services/*/docs/adr"]
[kinds.eip]
path = "EIPS"
roles.owner = "author"
roles.status = "status"
'

for url in / /index.html /decisions/0001-a%20b.html '/a/%2e%2e/x' '/%zz' \
    '/a%5c..%5cb' '/%C3%A9t%C3%A9.html' '/search.html?q=x' '/%2F%2Fetc/passwd'; do
    inline serve_path "$url"
done

# The history target decodes its bytes into commit sequences: a few byte strings
# of some length start it off (libFuzzer would also start from nothing).
mkdir -p "$corpus/git_history"
for i in 1 2 3 4; do
    yes "commit $i" | head -c $((i * 96)) >"$corpus/git_history/lines-$i"
done

for d in "$corpus"/*/; do
    printf '%-14s %s seeds\n' "$(basename "$d")" "$(find "$d" -type f | wc -l)"
done
