/*
 * guest/bash/builtins.c — the command table: shell builtins and the
 * utilities built into this module.  Anything not listed is "command not
 * found" (127): nothing ever runs on the host.
 */
#include "cmds.h"

#include <string.h>

static const struct { const char *name; builtin_fn fn; int special; } table[] = {
    {":", b_colon, 1}, {"true", b_true, 0}, {"false", b_false, 0}, {"cd", b_cd, 0},
    {"pwd", b_pwd, 0}, {"export", b_export, 1}, {"unset", b_unset, 1}, {"set", b_set, 1},
    {"shift", b_shift, 1}, {"exit", b_exit, 1}, {"return", b_return, 1}, {"break", b_break, 1},
    {"continue", b_continue, 1}, {"local", b_local, 0}, {"declare", b_declare, 0},
    {"typeset", b_declare, 0}, {"eval", b_eval, 1}, {"source", b_source, 1}, {".", b_source, 1},
    {"read", b_read, 0}, {"echo", b_echo, 0}, {"printf", b_printf, 0}, {"type", b_type, 0},
    {"command", b_command, 0}, {"which", b_which, 0}, {"let", b_let, 0}, {"bash", b_bash, 0},
    {"sh", b_bash, 0}, {"trap", b_trap, 1}, {"pushd", b_pushd, 0}, {"popd", b_popd, 0}, {"dirs", b_dirs, 0}, {"wait", b_noop, 0}, {"hash", b_noop, 0},
    {"umask", b_noop, 0}, {"ulimit", b_noop, 0}, {"shopt", b_noop, 0}, {"alias", b_noop, 0},
    {"readonly", b_readonly, 1}, {"exec", b_exec, 1}, {"mapfile", b_mapfile, 0},
    {"readarray", b_mapfile, 0}, {"getopts", b_getopts, 0},
    {"test", b_test, 0}, {"[", b_bracket, 0},
    {"ls", u_ls, 0}, {"mkdir", u_mkdir, 0}, {"rmdir", u_rmdir, 0}, {"rm", u_rm, 0},
    {"cp", u_cp, 0}, {"mv", u_mv, 0}, {"touch", u_touch, 0}, {"ln", u_ln, 0},
    {"stat", u_stat, 0}, {"du", u_du, 0}, {"df", u_df, 0}, {"chmod", u_chmod, 0}, {"realpath", u_realpath, 0},
    {"basename", u_basename, 0}, {"dirname", u_dirname, 0}, {"file", u_file, 0},
    {"readlink", u_readlink, 0}, {"mktemp", u_mktemp, 0},
    {"find", u_find, 0}, {"xargs", u_xargs, 0},
    {"cat", u_cat, 0}, {"head", u_head, 0}, {"tail", u_tail, 0}, {"wc", u_wc, 0},
    {"sort", u_sort, 0}, {"uniq", u_uniq, 0}, {"cut", u_cut, 0}, {"tr", u_tr, 0},
    {"tee", u_tee, 0}, {"seq", u_seq, 0}, {"tac", u_tac, 0}, {"rev", u_rev, 0},
    {"nl", u_nl, 0}, {"paste", u_paste, 0},
    {"grep", u_grep, 0}, {"egrep", u_egrep, 0}, {"fgrep", u_fgrep, 0}, {"sed", u_sed, 0}, {"awk", u_awk, 0}, {"gawk", u_awk, 0}, {"mawk", u_awk, 0},
    {"diff", u_diff, 0}, {"cmp", u_cmp, 0}, {"md5sum", u_md5sum, 0},
    {"sha256sum", u_sha256sum, 0}, {"base64", u_base64, 0}, {"date", u_date, 0},
    {"env", u_env, 0}, {"printenv", u_env, 0}, {"sleep", u_sleep, 0}, {"yes", u_yes, 0},
    {"timeout", u_timeout, 0},
};

builtin_fn find_builtin(const char *name, int *special)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!strcmp(table[i].name, name)) { *special = table[i].special; return table[i].fn; }
    *special = 0;
    return NULL;
}

/* 1: a shell builtin, 2: a utility (bash would find it in /usr/bin), 0: unknown */
int builtin_kind(const char *name)
{
    size_t first_util = 0;
    while (strcmp(table[first_util].name, "ls")) first_util++;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!strcmp(table[i].name, name)) return i >= first_util ? 2 : 1;
    return 0;
}
