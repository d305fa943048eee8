/*
 * call.c — `boxagnts tools` and `boxagnts call`: the tool registry from the
 * command line.
 */
#include <stdio.h>
#include "cli.h"

int cmd_tools(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "boxagnts tools: being written\n"); return EXIT_USAGE; }
int cmd_call(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "boxagnts call: being written\n"); return EXIT_USAGE; }
