find data -name '*.csv' -exec printf '%s\n' {} \;
