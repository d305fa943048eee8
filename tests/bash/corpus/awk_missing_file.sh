awk '{print}' nofile; echo "rc=$?"
