#ifndef GREET_H
#define GREET_H
#include <stddef.h>

/* Writes "Hello, NAME!" into buf (at most size bytes, NUL included);
 * returns the length it needed, as snprintf does. */
int greet(char *buf, size_t size, const char *name);

#endif
