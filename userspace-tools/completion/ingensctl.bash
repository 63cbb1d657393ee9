# bash completion for ingensctl(8). Knob names come from `ingensctl get --list`,
# so knobs added to the table or to the kernel complete without editing this file.
_ingensctl() {
	local cur prev words cword
	_init_completion || return

	local commands="status get set apply save profile top proc stats trace explain record report"
	local globals="--sysfs-root --proc-root --tracefs-root --config-root --help --version"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case "${words[i]}" in
		--sysfs-root | --proc-root | --tracefs-root | --config-root) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	case "$prev" in
	--sysfs-root | --proc-root | --tracefs-root | --config-root)
		_filedir -d
		return ;;
	-o | --output | --plot)
		[[ $cmd == top ]] || _filedir
		[[ $cmd != top ]] && return ;;&
	-s | --sort)
		COMPREPLY=($(compgen -W "huge rss coverage idle queued share regions fair pid comm" -- "$cur"))
		return ;;
	-e | --event)
		COMPREPLY=($(compgen -W "ingens_promote ingens_promote_fail ingens_demote ingens_fair_reclaim ingens_scan ingens_compact" -- "$cur"))
		return ;;
	-p | --pid)
		COMPREPLY=($(compgen -W "$(ls /proc | grep -E '^[0-9]+$')" -- "$cur"))
		return ;;
	-I | -i | --interval | -d | -n | --count | -t | --duration | --limit | -w | --width | --comm | --cgroup | --rows | --columns | --watch | --buffer-kb)
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
		COMPREPLY=($(compgen -W "--system --dry-run --skip-absent" -- "$cur"))
		[[ $cur == -* ]] || _filedir ;;
	save) _filedir ;;
	profile)
		local custom
		custom=$(ls /etc/ingens/profiles 2>/dev/null | sed -n 's/\.conf$//p')
		COMPREPLY=($(compgen -W "latency memory throughput vm-host linux $custom --dry-run --active --verify" -- "$cur")) ;;
	top) COMPREPLY=($(compgen -W "--once --batch --json --json-array --all --sort --reverse --columns --pid --comm --cgroup --interval --count --limit --width" -- "$cur")) ;;
	proc)
		if [[ $prev == proc ]]; then
			COMPREPLY=($(compgen -W "$(ls /proc | grep -E '^[0-9]+$')" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "share --json --limit" -- "$cur"))
		fi ;;
	stats) COMPREPLY=($(compgen -W "--interval --count --json --all" -- "$cur")) ;;
	trace) COMPREPLY=($(compgen -W "--event --pid --count --duration --interval --hist --buffer-kb --json" -- "$cur")) ;;
	explain)
		if [[ $prev == explain ]]; then
			COMPREPLY=($(compgen -W "$(ls /proc | grep -E '^[0-9]+$')" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--watch --json" -- "$cur"))
		fi ;;
	record) COMPREPLY=($(compgen -W "--output --interval --duration --count --pid --comm --cgroup" -- "$cur")) ;;
	report)
		COMPREPLY=($(compgen -W "--plot --pid --rows --columns" -- "$cur"))
		[[ $cur == -* ]] || _filedir ;;
	esac
} &&
	complete -F _ingensctl ingensctl
