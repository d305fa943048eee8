echo hi | { read; echo "REPLY=$REPLY"; }
