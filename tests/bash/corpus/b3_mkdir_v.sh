mkdir -v newd
