/*
 * test_grants.c — bx_grants, the one representation of grants and limits:
 * the one parser (bx_grants_set: the same checks as every flag and the
 * policy file), copy (deep: freeing the source leaves the copy intact),
 * merge (lists appended, set limits replace, unset ones keep) and
 * set_list (replace, all or nothing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boxagnts.h"
#include "../check.h"

static int set(bx_grants *g, const char *k, const char *v)
{
    bx_error e;
    memset(&e, 0, sizeof e);
    return bx_grants_set(g, k, v, &e);
}

int main(void)
{
    bx_grants a, b, c;
    bx_error e;
    bx_grants_init(&a);
    bx_grants_init(&b);

    /* the checks */
    CHECK(set(&a, "block_network", "10.0.0.0/8") == BX_OK, "CIDR accepted");
    CHECK(set(&a, "block_network", "private") == BX_OK, "private accepted");
    CHECK(set(&a, "block_network", "10.0.0.0/99") == BX_ERR_ARG, "bad prefix refused");
    CHECK(set(&a, "block_network", "example.com") == BX_ERR_ARG, "name refused");
    CHECK(set(&a, "allow_network", "private") == BX_ERR_ARG, "private cannot be lifted");
    CHECK(set(&a, "allow_network", "::1") == BX_OK, "IPv6 lift accepted");
    CHECK(set(&a, "block_url", "example.com/admin") == BX_ERR_ARG, "block_url without :// refused");
    CHECK(set(&a, "block_url", "https://example.com/admin") == BX_OK, "block_url accepted");
    CHECK(set(&a, "allow_host", "example.com") == BX_ERR_ARG, "allow_host without :// refused");
    CHECK(set(&a, "allow_host", "https://api.example.com") == BX_OK, "allow_host accepted");
    CHECK(set(&a, "env", "=x") == BX_ERR_ARG, "env with empty name refused");
    CHECK(set(&a, "env", "HOME") == BX_OK, "env accepted");
    CHECK(set(&a, "cap", "read:/workspace") == BX_OK, "cap stored");
    CHECK(a.ncaps == 3 && !strcmp(a.caps[0], "fetch:https://api.example.com") && !strcmp(a.caps[1], "env:HOME") &&
          !strcmp(a.caps[2], "read:/workspace"), "allow_host and env become grants, in order");
    CHECK(a.nblock_networks == 2 && a.nallow_networks == 1 && a.nblock_url == 1, "only accepted items stored");
    CHECK(set(&a, "timeout", "5s") == BX_OK && a.timeout_ns == 5000000000ull, "duration");
    CHECK(set(&a, "max_memory", "64MiB") == BX_OK && a.max_memory == 64ull << 20, "size");
    CHECK(set(&a, "fuel", "0x10") == BX_OK && a.fuel == 16, "hex count");
    CHECK(set(&a, "fuel", "-1") == BX_ERR_ARG && a.fuel == 16, "negative count refused, value kept");
    CHECK(set(&a, "max_stack", "lots") == BX_ERR_ARG, "bad size refused");
    CHECK(set(&a, "bogus", "1") == BX_ERR_ARG, "unknown key refused");
    CHECK(set(&a, "cache_dir", "/tmp/c") == BX_OK && !strcmp(a.cache_dir, "/tmp/c"), "string");

    /* copy is deep */
    CHECK(bx_grants_copy(&c, &a, &e) == BX_OK, "copy");
    bx_grants_free(&a);
    CHECK(c.ncaps == 3 && !strcmp(c.caps[2], "read:/workspace") && c.timeout_ns == 5000000000ull &&
          !strcmp(c.cache_dir, "/tmp/c") && c.nblock_networks == 2, "copy survives the source");

    /* merge: lists appended, set limits replace, unset ones keep */
    CHECK(set(&b, "cap", "write:/tmp=/srv") == BX_OK && set(&b, "timeout", "1s") == BX_OK, "b");
    b.require_os_confinement = 1;
    CHECK(bx_grants_merge(&c, &b, &e) == BX_OK, "merge");
    CHECK(c.ncaps == 4 && !strcmp(c.caps[3], "write:/tmp=/srv"), "lists appended");
    CHECK(c.timeout_ns == 1000000000ull && c.max_memory == 64ull << 20 && c.fuel == 16, "limits: set replace, unset keep");
    CHECK(c.require_os_confinement == 1 && !strcmp(c.cache_dir, "/tmp/c"), "flag and unset string");

    /* set_list replaces, and refuses the whole list for one bad item */
    const char *ok[] = {"127.0.0.1", "fd00::/8"}, *bad[] = {"127.0.0.1", "nope"};
    CHECK(bx_grants_set_list(&c, "block_network", ok, 2, &e) == BX_OK && c.nblock_networks == 2 &&
          !strcmp(c.block_networks[1], "fd00::/8"), "set_list replaces");
    CHECK(bx_grants_set_list(&c, "block_network", bad, 2, &e) == BX_ERR_ARG && c.nblock_networks == 2 &&
          !strcmp(c.block_networks[0], "127.0.0.1") && strstr(e.msg, "nope"), "a bad item changes nothing, named");
    CHECK(bx_grants_set_list(&c, "timeout", ok, 1, &e) == BX_ERR_ARG, "set_list on a scalar refused");

    bx_grants_free(&b);
    bx_grants_free(&c);
    CHECK(c.ncaps == 0 && c.caps == NULL, "free leaves it empty");

    /* the error model: a file the host cannot give us is BX_ERR_IO, a
     * value of the wrong kind BX_ERR_ARG */
    char dir[] = "/tmp/bx_test_grants_XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(path, sizeof path, "%s/missing/audit.log", dir);
    CHECK(bx_audit_open_fd(path, &e) < 0 && e.status == BX_ERR_IO, "audit log in a missing dir: %d %s", e.status, e.msg);
    snprintf(path, sizeof path, "%s/fifo", dir);
    CHECK(mkfifo(path, 0600) == 0, "mkfifo");
    CHECK(bx_audit_open_fd(path, &e) < 0 && e.status == BX_ERR_ARG, "audit log a FIFO: %d %s", e.status, e.msg);
    unlink(path);
    snprintf(path, sizeof path, "%s/nope.json", dir);
    bx_server_config sc;
    bx_server_config_init(&sc);
    CHECK(bx_server_config_load_policy(&sc, path, &e) == BX_ERR_IO && strstr(e.msg, "nope.json"),
          "missing policy file: %d %s", e.status, e.msg);
    bx_server_config_free(&sc);
    bx_registry *r = bx_registry_new();
    CHECK(r && bx_registry_load_dir(r, path, &e) == BX_ERR_IO, "missing tool dir: %d %s", e.status, e.msg);
    bx_registry_free(r);
    rmdir(dir);
    return check_report();
}
