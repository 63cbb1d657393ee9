#!/usr/bin/env bash
# Write build/linux's commits since the pristine tag back to patches/ (cover letter + series).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -d "$KSRC/.git" ] || die "build/linux is not a git tree: run 'make kernel-src'"
[ -z "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes: commit them first"

count=$(git -C "$KSRC" rev-list --count pristine..HEAD)
rm -f "$TOP"/patches/*.patch
# The cover letter is from the series' author, whoever runs the export.
git -C "$KSRC" -c user.name="Ingens Developers" -c user.email="ingens-dev@lists.example.org" \
	format-patch -q --no-signature --cover-letter -o "$TOP/patches" \
	--subject-prefix="RFC PATCH" pristine..HEAD
cover=$TOP/patches/0000-cover-letter.patch
# The cover letter's body is kept in patches/cover-letter.txt: the blurb placeholders are filled from it.
if [ -f "$TOP/patches/cover-letter.txt" ]; then
	subject=$(head -n 1 "$TOP/patches/cover-letter.txt")
	python3 - "$cover" "$TOP/patches/cover-letter.txt" "$subject" <<'PY'
import sys
path, blurb_file, subject = sys.argv[1:]
text = open(path).read()
blurb = open(blurb_file).read().split("\n", 1)[1].strip("\n")
text = text.replace("*** SUBJECT HERE ***", subject).replace("*** BLURB HERE ***", blurb)
open(path, "w").write(text)
PY
fi
(cd "$TOP/patches" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-cover-letter' > series)
# Record what build/linux now matches, so 'make kernel-src' knows the tree holds no unexported work.
series_hash=$(series_hash)
echo "$series_hash $(git -C "$KSRC" rev-parse HEAD)" > "$KSRC/.git/ingens-series"
say "export-patches: $count patches written to patches/"
