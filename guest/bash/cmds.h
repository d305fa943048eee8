/*
 * guest/bash/cmds.h — every builtin and utility entry point, for the lookup
 * table in builtins.c.  Each takes (sh, argc, argv) and returns the status.
 */
#ifndef BX_BASH_CMDS_H
#define BX_BASH_CMDS_H
#include "sh.h"

#define CMD(n) int n(Sh *sh, int argc, char **argv)
/* b_shell.c */
CMD(b_colon); CMD(b_true); CMD(b_false); CMD(b_cd); CMD(b_pwd); CMD(b_export); CMD(b_unset);
CMD(b_set); CMD(b_shift); CMD(b_exit); CMD(b_return); CMD(b_break); CMD(b_continue);
CMD(b_local); CMD(b_declare); CMD(b_eval); CMD(b_source); CMD(b_read); CMD(b_echo);
CMD(b_printf); CMD(b_type); CMD(b_command); CMD(b_which); CMD(b_let); CMD(b_bash);
CMD(b_noop); CMD(b_trap); CMD(b_pushd); CMD(b_popd); CMD(b_dirs); CMD(b_readonly); CMD(b_exec); CMD(b_mapfile); CMD(b_getopts);
/* b_test.c */
CMD(b_test); CMD(b_bracket);
/* u_file.c */
CMD(u_ls); CMD(u_mkdir); CMD(u_rmdir); CMD(u_rm); CMD(u_cp); CMD(u_mv); CMD(u_touch);
CMD(u_ln); CMD(u_stat); CMD(u_du); CMD(u_df); CMD(u_realpath); CMD(u_basename);
CMD(u_dirname); CMD(u_chmod); CMD(u_file); CMD(u_readlink); CMD(u_mktemp);
/* u_find.c */
CMD(u_find); CMD(u_xargs);
/* u_text.c */
CMD(u_cat); CMD(u_head); CMD(u_tail); CMD(u_wc); CMD(u_sort); CMD(u_uniq); CMD(u_cut);
CMD(u_tr); CMD(u_tee); CMD(u_seq); CMD(u_tac); CMD(u_rev); CMD(u_nl); CMD(u_paste);
/* u_grep.c, u_sed.c */
CMD(u_awk); CMD(u_grep); CMD(u_egrep); CMD(u_fgrep); CMD(u_sed);
/* u_misc.c */
CMD(u_diff); CMD(u_cmp); CMD(u_md5sum); CMD(u_sha256sum); CMD(u_base64); CMD(u_date);
CMD(u_env); CMD(u_sleep); CMD(u_yes); CMD(u_timeout);
#endif
