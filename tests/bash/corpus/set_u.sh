set -u; echo "${UNDEFINED:-ok}"; echo $UNDEFINED; echo after
