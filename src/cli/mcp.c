/*
 * mcp.c — `boxagnts mcp` and `boxagnts serve --jsonl` (src/server).
 */
#include <stdio.h>
#include "cli.h"

int cmd_mcp(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "boxagnts mcp: being written\n"); return EXIT_USAGE; }
int cmd_serve(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "boxagnts serve: being written\n"); return EXIT_USAGE; }
