/*
 * main.c — the boxagnts command line: usage and dispatch.  Each subcommand
 * lives in its own file (engine.c, run.c, call.c, ...) and is argument
 * parsing plus a thin call into libboxagnts.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts COMMAND [ARGS]\n"
            "\n"
            "BoxAgnts runs WebAssembly modules in a default-deny sandbox.\n"
            "\n"
            "commands:\n"
            "  run [options] MODULE.wasm [ARGS...]\n"
            "      run a WASI program in the sandbox with grants and limits, e.g.\n"
            "      boxagnts run --workspace . --cap read:/workspace --timeout 5s prog.wasm\n"
            "      (see boxagnts run --help for its options and exit codes 120-125)\n"
            "  tools [--json] [--tools-dir DIR]\n"
            "      list the tools: name, permission level, description, parameters\n"
            "  call TOOL [options] ['{json}' | -]\n"
            "      one tool call in its own sandbox; prints {\"content\",\"is_error\",\"metadata\"}, e.g.\n"
            "      boxagnts call file-read --workspace . '{\"file_path\": \"README.md\"}'\n"
            "      (see boxagnts call --help: grants are the intersection of the tool's needs and yours)\n"
            "  mcp [options]\n"
            "      serve the tools over the Model Context Protocol on stdio (see boxagnts mcp --help)\n"
            "  policy check FILE\n"
            "      validate a policy file and print each executor's effective settings\n"
            "  tool new NAME | tool check DIR\n"
            "      write a buildable template for your own tool; check a tool directory\n"
            "      (manifest, module, imports, examples; see docs/tools.md)\n"
            "  serve --jsonl [options]\n"
            "      the same tools as line-delimited JSON requests {\"id\",\"executor\",\"tool\",\"input\"}\n"
            "  validate FILE.wasm\n"
            "      decode and validate a module; prints \"ok\", or the error and its byte offset\n"
            "  invoke [options] FILE.wasm FUNC [ARGS...]\n"
            "      instantiate a module that has no imports and call its export FUNC; ARGS are\n"
            "      parsed by FUNC's parameter types (i32/i64: decimal or 0x hex, may be\n"
            "      negative; f32/f64: decimal, inf, nan; externref: null or an integer;\n"
            "      funcref: null); results are printed one per line\n"
            "      --fuel N           stop after N instructions (trap \"fuel exhausted\")\n"
            "      --max-memory SIZE  cap linear memories and tables together (e.g. 64MiB; default 4GiB)\n"
            "      --max-stack SIZE   cap the wasm stack (e.g. 512KiB; default 1MiB)\n"
            "      SIZE: bytes or with B/K/KiB/M/MiB/G/GiB (KB/MB/GB: powers of 1000)\n"
            "  --version, --help\n"
            "\n"
            "exit status of validate and invoke (run, call and mcp document theirs):\n"
            "  0  success\n"
            "  1  error: unreadable, malformed, invalid or unlinkable module, limit exceeded,\n"
            "     no such export\n"
            "  2  usage error (bad option, wrong number or form of arguments)\n"
            "  3  the module trapped (unreachable, out of bounds, fuel exhausted, call stack\n"
            "     exhausted, ...); the trap is printed on stderr\n");
}

int main(int argc, char **argv)
{
    /* A closed pipe is an error to report (EPIPE), never a reason to die
     * without the result record: the guest sees EPIPE, the CLI goes on. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
        printf("boxagnts %s (WebAssembly 2.0 core, no SIMD)\n", BOXAGNTS_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc - 2, argv + 2);
    if (strcmp(cmd, "invoke") == 0)
        return cmd_invoke(argc - 2, argv + 2);
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "tools") == 0)
        return cmd_tools(argc - 2, argv + 2);
    if (strcmp(cmd, "call") == 0)
        return cmd_call(argc - 2, argv + 2);
    if (strcmp(cmd, "mcp") == 0)
        return cmd_mcp(argc - 2, argv + 2);
    if (strcmp(cmd, "policy") == 0)
        return cmd_policy(argc - 2, argv + 2);
    if (strcmp(cmd, "tool") == 0)
        return cmd_tool(argc - 2, argv + 2);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc - 2, argv + 2);
    fprintf(stderr, "boxagnts: unknown command \"%s\" (see boxagnts --help)\n", cmd);
    return EXIT_USAGE;
}

