up() { tr a-z A-Z; }; echo hi | up
