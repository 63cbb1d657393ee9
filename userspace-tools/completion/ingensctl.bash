# bash completion for ingensctl(8). Knob names come from `ingensctl get --list`,
# so knobs added to the table or to the kernel complete without editing this file.
_ingensctl() {
	local cur prev words cword
	_init_completion || return

	local commands="status get set apply save profile top proc stats trace"
	local globals="--sysfs-root --proc-root --tracefs-root --help"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case "${words[i]}" in
		--sysfs-root | --proc-root | --tracefs-root) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	case "$prev" in
	--sysfs-root | --proc-root | --tracefs-root)
		_filedir -d
		return ;;
	-s | --sort)
		COMPREPLY=($(compgen -W "huge rss coverage idle queued share regions pid comm" -- "$cur"))
		return ;;
	-e | --event)
		COMPREPLY=($(compgen -W "ingens_promote ingens_promote_fail ingens_scan" -- "$cur"))
		return ;;
	-i | --interval | -d | -n | --count | -t | --duration | --limit)
		return ;;
	esac

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands $globals" -- "$cur"))
		return
	fi
	local knobs
	knobs=$(ingensctl get --list 2>/dev/null)
	case "$cmd" in
	status) COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
	get) COMPREPLY=($(compgen -W "$knobs --json --values --list" -- "$cur")) ;;
	set)
		compopt -o nospace
		COMPREPLY=($(compgen -W "$(printf '%s= ' $knobs) --dry-run --force" -- "$cur")) ;;
	apply)
		COMPREPLY=($(compgen -W "--dry-run --skip-absent" -- "$cur"))
		[[ $cur == -* ]] || _filedir ;;
	save) _filedir ;;
	profile) COMPREPLY=($(compgen -W "latency memory throughput vm-host linux --dry-run" -- "$cur")) ;;
	top) COMPREPLY=($(compgen -W "--once --json --all --sort --interval --count --limit" -- "$cur")) ;;
	proc)
		if [[ $prev == proc ]]; then
			COMPREPLY=($(compgen -W "$(ls /proc | grep -E '^[0-9]+$')" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "share --json --limit" -- "$cur"))
		fi ;;
	stats) COMPREPLY=($(compgen -W "--interval --count --json --all" -- "$cur")) ;;
	trace) COMPREPLY=($(compgen -W "--event --count --duration --json" -- "$cur")) ;;
	esac
} &&
	complete -F _ingensctl ingensctl
