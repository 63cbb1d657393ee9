#!/usr/bin/env bash
# Pack the guest's initramfs: busybox-static, the guest scripts, our static test and bench
# binaries, ingensctl, and host binaries the suites use (perf, redis) with their shared libraries.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$INITRAMFS
root=${out%.cpio.gz}.root
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,root,ingens/bin,ingens/selftests,ingens/bench}

[ -x /bin/busybox ] && [[ $(file -L /bin/busybox) == *"statically linked"* ]] ||
	die "/bin/busybox is not the static busybox: run 'make deps'"
cp /bin/busybox "$root/bin/"
ln -s busybox "$root/bin/sh"
install -m 0755 "$TOP"/scripts/guest/init "$root/init"
install -m 0755 "$TOP"/scripts/guest/*.sh "$root/ingens/"
install -m 0644 "$TOP"/scripts/guest/suites.list "$root/ingens/"
install -m 0755 "$TOP"/bench/guest/*.sh "$TOP"/bench/host/ingens-bench "$root/ingens/bench/"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

# Static binaries built by the project, where they exist (each part is optional so a partial
# build still boots; the suites report what is missing).
copy_dir() { [ -d "$1" ] && find "$1" -maxdepth 1 -type f -perm -u+x -exec cp {} "$2" \; || true; }
copy_dir "$SELFTESTS_OUT/mm" "$root/ingens/selftests"
copy_dir "$BUILD/bench" "$root/ingens/bench"
[ -x "$BUILD/ingensctl/ingensctl-static" ] && cp "$BUILD/ingensctl/ingensctl-static" "$root/ingens/bin/ingensctl"

# Dynamically linked host binaries with the shared libraries they need, at the same paths (tmux
# for the check of ingensctl top in a terminal of 80x24).
for tool in perf redis-server redis-benchmark redis-cli tmux; do
	path=$(command -v "$tool" || true)
	[ -n "$path" ] && copy_with_libs "$(readlink -f "$path")" "$root" /ingens/bin && {
		[ "$(basename "$(readlink -f "$path")")" = "$tool" ] ||
			ln -sf "$(basename "$(readlink -f "$path")")" "$root/ingens/bin/$tool"
	}
done

# Terminal descriptions for ingensctl top (static ncurses looks in /lib/terminfo) on the console,
# in tmux and in common terminal emulators.
for term in l/linux v/vt100 v/vt102 v/vt220 x/xterm x/xterm-256color s/screen s/screen-256color \
	t/tmux t/tmux-256color; do
	[ -f "/lib/terminfo/$term" ] || continue
	mkdir -p "$root/lib/terminfo/${term%/*}"
	cp "/lib/terminfo/$term" "$root/lib/terminfo/$term"
done

# glibc's C.UTF-8 locale: tmux refuses to start without a UTF-8 one.
if [ -d /usr/lib/locale/C.utf8 ]; then
	mkdir -p "$root/usr/lib/locale"
	cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
fi

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1 > "$out")
say "build-initramfs: ${out#"$TOP"/} ($(du -h "$out" | cut -f1))"
