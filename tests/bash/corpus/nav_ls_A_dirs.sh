ls -A src docs
