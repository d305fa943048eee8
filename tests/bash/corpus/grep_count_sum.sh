grep -c INFO data/app.log; grep -c ERROR data/app.log
