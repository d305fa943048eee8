ls -t src/main.c docs/README.md data/app.log
