ls -l data | cut -c1-10
