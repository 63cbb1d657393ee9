# TAP helpers for the guest's shell checks (sourced): check NAME CONDITION prints "ok N NAME"
# or "not ok N NAME" and remembers a failure in $failed.
n=0
failed=0

check() {
	n=$((n + 1))
	if eval "$2"; then
		echo "ok $n $1"
	else
		echo "not ok $n $1"
		failed=1
	fi
}
