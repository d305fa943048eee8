echo apple | grep -l apple
