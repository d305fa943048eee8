test -f nothere || { echo missing; exit 1; }; echo unreachable
