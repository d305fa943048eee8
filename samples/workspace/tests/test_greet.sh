#!/bin/sh
# Checks the greeting for a name and for no name.
set -e
[ "$(./greet World)" = "Hello, World!" ]
[ "$(./greet)" = "Hello, world!" ]
echo "2 passed, 0 failed"
