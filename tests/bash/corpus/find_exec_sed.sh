find src -name '*.h' -exec sed -i 's/int/long/g' {} \; ; cat src/util.h
