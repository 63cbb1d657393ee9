#!/bin/sh
# Show that Ingens is alive: the sysfs directory and its values, then ingensctl's view.
dir=/sys/kernel/mm/transparent_hugepage/ingens
if [ ! -d $dir ]; then
	echo "ingens-guest: $dir is missing: this kernel was built without CONFIG_INGENS"
	exit 0
fi
echo "ingens-guest: $dir"
for f in $(find $dir -type f | sort); do
	printf '  %-40s %s\n' "${f#$dir/}" "$(cat "$f")"
done
[ -x /ingens/bin/ingensctl ] && ingensctl status
exit 0
