[ abc -gt 1 ]; echo "rc=$?"
