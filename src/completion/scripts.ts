// The completion scripts. Each is small and fixed: at every <TAB> it runs
// `aigc __complete -- WORDS...` (the words after `aigc`, the one being completed last, quotes
// taken off) and offers the lines it prints: `value<TAB>description`, or `:files` / `:dirs`
// for the shell's own path completion. What completes is decided in src/completion/candidates.ts;
// how a value travels, in wire.ts. A value is KB text, so each script quotes it for its shell,
// in or out of a quote the user opened: it reaches the command as one argument, and nothing in
// it is ever run. zsh and fish quote what they insert themselves; bash's script does it.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

// The scripts write %{ for the shells' ${, which a template literal would take for its own.
const shell = (strings: TemplateStringsArray) => String.raw(strings).replaceAll('%{', '${');

const bash = shell`# bash completion for aigc
# Install: source <(aigc completion bash)    (in ~/.bashrc; bash-completion is used if present)
# At each <TAB> this asks aigc what may come next: aigc __complete -- WORDS...

# The word as the shell will read it: quotes and backslashes taken off (into REPLY).
__aigc_dequote() {
    local w=$1 pre=
    if [[ $w == --*=* ]]; then pre=%{w%%=*}=; w=%{w#*=}; fi
    case $w in
        \'*) w=%{w#\'}; w=%{w%\'} ;;
        \"*) w=%{w#\"}; w=%{w%\"}; w=%{w//\\\"/\"} ;;
        *) w=%{w//\\/} ;;
    esac
    REPLY=$pre$w
}

# A value as aigc sends it: %XX is a byte in hex (a line break, a tab, a % or a backslash).
__aigc_decode() {
    local x='\x'
    printf -v REPLY '%b' "%{1//%/$x}"
}

# The value as one shell word, to go after the quote $2 the user opened (none, ' or "), into
# REPLY. readline closes that quote after a lone match unless the text put in ends with it, and
# lets text that begins with it replace it: the text is made right either way.
__aigc_quote() {
    local v=$1 q=$2
    if [[ -z $q ]]; then
        printf -v REPLY '%q' "$v"
        return
    fi
    if [[ $q == \' && $v != *[[:cntrl:]]* ]]; then
        v=%{v//\'/\'\\\'\'}
    # A "!" would expand history even inside double quotes: it goes in single quotes.
    elif [[ $q == \" && $v != *[[:cntrl:]]* ]]; then
        v=%{v//\\/\\\\}; v=%{v//\"/\\\"}; v=%{v//\$/\\\$}; v=%{v//\`/\\\`}; v=%{v//!/\"\'!\'\"}
    else
        # The quote closed at once, the value as printf %q writes it (a control character as
        # $'\n'), and the quote opened again, to be closed below.
        printf -v v '%q' "$v"
        v=$q$v$q
    fi
    [[ $v == *"$q" ]] && v+=$q
    [[ $v == "$q"* ]] && v=$q$v
    REPLY=$v
}

_aigc() {
    local cur cword i w out line eqpre= quote=
    local -a words=() typed=()
    COMPREPLY=()
    if declare -F _get_comp_words_by_ref >/dev/null; then
        _get_comp_words_by_ref -n =: -w words -i cword -c cur
        words=("%{words[@]:1:cword}")
    else
        # bash splits --flag=value at "="; glue it back, so that aigc sees the word as typed.
        for ((i = 1; i <= COMP_CWORD; i++)); do
            w=%{COMP_WORDS[i]}
            if [[ $w == = && %{#words[@]} -gt 0 && %{words[%{#words[@]}-1]} == --* ]]; then
                words[%{#words[@]}-1]+==
                if ((i < COMP_CWORD)); then
                    ((i++))
                    words[%{#words[@]}-1]+=%{COMP_WORDS[i]}
                fi
            else
                words+=("$w")
            fi
        done
        cur=%{words[%{#words[@]}-1]}
    fi
    for w in "%{words[@]}"; do
        __aigc_dequote "$w"
        typed+=("$REPLY")
    done
    [[ %{#typed[@]} -eq 0 ]] && typed=("")

    out=$("%{COMP_WORDS[0]}" __complete -- "%{typed[@]}" 2>/dev/null) || return 0
    case $out in
        :files) compopt -o default 2>/dev/null; return 0 ;;
        :dirs) compopt -o dirnames 2>/dev/null; return 0 ;;
    esac
    # bash replaces only what follows the last "=" of --flag=value.
    if [[ $cur == --*=* && $COMP_WORDBREAKS == *=* ]]; then eqpre=%{cur%"%{cur##*=}"}; fi
    [[ %{cur#"$eqpre"} == [\'\"]* ]] && quote=%{cur:%{#eqpre}:1}
    while IFS= read -r line; do
        [[ -z $line ]] && continue
        __aigc_decode "%{line%%$'\t'*}"
        __aigc_quote "%{REPLY#"$eqpre"}" "$quote"
        COMPREPLY+=("$REPLY")
    done <<<"$out"
    if declare -F __ltrim_colon_completions >/dev/null; then __ltrim_colon_completions "$cur"; fi
    return 0
}
complete -F _aigc aigc
`;

const zsh = shell`#compdef aigc
# zsh completion for aigc
# Install: aigc completion zsh > "%{fpath[1]}/_aigc"  (then start a new shell),
#      or: source <(aigc completion zsh)  (in ~/.zshrc, after compinit)
# At each <TAB> this asks aigc what may come next: aigc __complete -- WORDS...

_aigc() {
    local out line value
    local -a lines values shown
    integer width=0
    local cur=%{words[CURRENT]}
    # An opening quote not yet closed: zsh keeps it in the word, and quotes the value itself.
    [[ $cur == [\"\']* ]] && cur=%{cur[2,-1]}
    out=$(%{words[1]} __complete -- "%{(@Q)words[2,CURRENT-1]}" "%{(Q)cur}" 2>/dev/null) || return 1
    lines=("%{(@f)out}")
    case $lines[1] in
        :files) _files; return ;;
        :dirs) _files -/; return ;;
    esac
    # A value as aigc sends it: %XX is a byte in hex (a line break, a tab, a % or a backslash).
    # zsh quotes each value itself, in or out of an open quote; the list shows it made visible.
    for line in $lines; do
        [[ -n $line ]] || continue
        value=%{line%%$'\t'*}
        values+=("%{(g::)value//\%/\\x}")
        (( %{#%{(V)values[-1]}} > width )) && width=%{#%{(V)values[-1]}}
    done
    (( $#values )) || return 1
    integer i=0
    for line in $lines; do
        [[ -n $line ]] || continue
        value=%{(V)values[++i]}
        if [[ $line == *$'\t'* ]]; then shown+=("%{(r:width:)value}  -- %{line#*$'\t'}"); else shown+=("$value"); fi
    done
    # aigc has matched the word already (in any case, or by an alias): zsh takes the values as given.
    compadd -U -l -d shown -a values
}

if [[ $funcstack[1] == _aigc ]]; then
    _aigc "$@"
else
    compdef _aigc aigc
fi
`;

const fish = shell`# fish completion for aigc
# Install: aigc completion fish > ~/.config/fish/completions/aigc.fish
#      or: aigc completion fish | source
# At each <TAB> this asks aigc what may come next: aigc __complete -- WORDS...

function __aigc_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct | string unescape)
    set -l out ($tokens[1] __complete -- $tokens[2..-1] "$cur" 2>/dev/null)
    switch "$out[1]"
        case :files
            __fish_complete_path "$cur"
        case :dirs
            __fish_complete_directories "$cur"
        case '*'
            # A value as aigc sends it: %XX is a byte in hex (a line break, a tab, a % or a
            # backslash). fish reads a candidate's first tab as the start of its description, so
            # a tab in a value goes as a space; each candidate ends with a NUL, as a value may
            # hold a line break. fish quotes each value itself, in or out of an open quote.
            for line in $out
                set -l parts (string split -m 1 \t -- $line)
                printf '%b\t%s\0' (string replace -a %09 ' ' -- $parts[1] | string replace -a % '\\x') "$parts[2]"
            end
    end
end

complete -c aigc -f -k -a '(__aigc_complete | string split0)'
`;

export const SCRIPTS: Record<Shell, string> = { bash, zsh, fish };
