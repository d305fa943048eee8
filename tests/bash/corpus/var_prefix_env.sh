FOO=local env | grep '^FOO='; echo "[${FOO:-unset}]"
