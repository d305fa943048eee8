/* Prints each argument (after argv[0]) on a line as "arg: X", then for
 * each name in CLI_VARS the variable's value or "NAME unset". */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    static const char *const vars[] = {"BX_GRANTED", "BX_SET", "BX_SECRET"};
    for (int i = 1; i < argc; i++)
        printf("arg: %s\n", argv[i]);
    for (unsigned i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v)
            printf("%s=%s\n", vars[i], v);
        else
            printf("%s unset\n", vars[i]);
    }
    return 0;
}
