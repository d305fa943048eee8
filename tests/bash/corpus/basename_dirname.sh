basename src/lib/helper.py; basename src/lib/helper.py .py; dirname src/lib/helper.py; dirname file
